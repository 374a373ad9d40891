using CommandCenter.Abstractions.Video;

namespace CommandCenter.Server.Video;

/// <summary>
/// Where cameras come from. Today the edge's <c>camera</c> statuses feed it (<see cref="EdgeCameraFeed"/>);
/// the exam plan importer registers the planned cameras through the same call, with source <c>plan</c>.
/// </summary>
public interface ICameraRegistry
{
    Task Register(CameraRegistration registration);
}
