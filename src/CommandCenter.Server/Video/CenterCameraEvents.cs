using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Ingest;

namespace CommandCenter.Server.Video;

/// <summary>
/// What the center finds on a camera, told to its room as the protocol's camera event (<c>by: center</c>) through the
/// ingest router, so the room turns <c>fault</c> on the map as if its edge had said so, and back to <c>ok</c> when the
/// center sees it well again. The alarms themselves come from the site's rules (see <c>CameraGrain</c>).
/// </summary>
public sealed class CenterCameraEvents(GrainRouter router, TimeProvider time)
{
    public const string Restored = "restored";

    public void Fault(string siteId, string deviceId, string? room, string type) => Send(siteId, deviceId, room, type, DeviceState.Fault);

    public void Restore(string siteId, string deviceId, string? room) => Send(siteId, deviceId, room, Restored, DeviceState.Ok);

    private void Send(string siteId, string deviceId, string? room, string type, DeviceState state)
    {
        var now = time.GetUtcNow();
        router.Add(siteId, [new DeviceUpdate($"cc-video-{Guid.NewGuid():N}", deviceId, DeviceKind.Camera, room, now, now, IsEvent: true,
            state, type, null, null, $$"""{"type":"{{type}}","by":"center"}""")]);
    }
}
