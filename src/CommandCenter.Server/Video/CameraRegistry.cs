using CommandCenter.Abstractions.Video;

namespace CommandCenter.Server.Video;

/// <summary>Registers cameras in their grains and the camera directory (calls made from outside the grains).</summary>
public sealed class CameraRegistry(IGrainFactory grains) : ICameraRegistry
{
    public async Task Register(CameraRegistration registration)
    {
        if (!CameraIds.TryParse(registration.CameraId, out _, out _))
        {
            throw new ArgumentException($"'{registration.CameraId}' is not a camera id ({{siteId}}.{{deviceId}})", nameof(registration));
        }

        if (await grains.GetGrain<ICameraGrain>(registration.CameraId).Register(registration))
        {
            await grains.GetGrain<ICameraDirectoryGrain>("all").Add(registration.CameraId);
        }
    }

    public async Task<IReadOnlyList<string>> All() => await grains.GetGrain<ICameraDirectoryGrain>("all").List();
}
