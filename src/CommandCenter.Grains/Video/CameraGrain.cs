using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Video;

namespace CommandCenter.Grains.Video;

/// <summary>
/// One camera: its registration (plan or edge) and the center's view of its health and recording. Every verdict is
/// passed up to the camera's site, whose alarm rules raise and clear the video alarms (the site never calls a camera).
/// </summary>
internal sealed class CameraGrain([PersistentState("camera")] IPersistentState<CameraState> state, TimeProvider time)
    : Grain, ICameraGrain
{
    public async Task<bool> Register(CameraRegistration registration)
    {
        var s = state.State;
        var marked = registration.RecordingMarked ?? s.RecordingMarked;
        if (s.StreamUrl == registration.StreamUrl && s.Room == registration.Room && s.Source == registration.Source && s.RecordingMarked == marked)
        {
            return false;
        }

        s.RegisteredAt ??= time.GetUtcNow();
        s.StreamUrl = registration.StreamUrl;
        s.Room = registration.Room;
        s.Source = registration.Source;
        s.RecordingMarked = marked;
        await state.WriteStateAsync();
        return true;
    }

    public Task<CameraView?> GetView()
    {
        var s = state.State;
        if (s.StreamUrl is null)
        {
            return Task.FromResult<CameraView?>(null);
        }

        CameraIds.TryParse(this.GetPrimaryKeyString(), out var siteId, out var deviceId);
        return Task.FromResult<CameraView?>(new CameraView(this.GetPrimaryKeyString(), siteId, deviceId, s.Room, s.StreamUrl,
            s.Source ?? "edge", s.RecordingMarked, s.Recording, s.Health, s.LastRecordingFailure, s.RegisteredAt ?? time.GetUtcNow()));
    }

    public async Task<CameraHealth?> ReportHealth(CameraHealth health)
    {
        var previous = state.State.Health;
        state.State.Health = health;
        if (previous is null || previous.Ok != health.Ok || previous.Online != health.Online || previous.Frozen != health.Frozen)
        {
            await state.WriteStateAsync();
        }

        // Sent on every verdict, not only on a change: a site that was deactivated meanwhile learns it again.
        await TellSite();
        return previous;
    }

    public async Task MarkForRecording(bool record)
    {
        state.State.RecordingMarked = record;
        var wasStopped = state.State.RecordingStopped;
        if (!record)
        {
            state.State.RecordingStopped = false;
        }

        await state.WriteStateAsync();
        if (wasStopped != state.State.RecordingStopped)
        {
            await TellSite();
        }
    }

    public async Task ReportRecording(bool recording, RecordingFailure? failure)
    {
        var wasStopped = state.State.RecordingStopped;
        state.State.Recording = recording;
        if (failure is not null)
        {
            state.State.LastRecordingFailure = failure;
        }

        // Stopped unexpectedly until a recorder runs again (or the camera is no longer marked for recording).
        state.State.RecordingStopped = recording ? false : failure is not null || wasStopped;
        await state.WriteStateAsync();
        if (wasStopped != state.State.RecordingStopped)
        {
            await TellSite();
        }
    }

    private Task TellSite()
    {
        var s = state.State;
        if (!CameraIds.TryParse(this.GetPrimaryKeyString(), out var siteId, out var deviceId))
        {
            return Task.CompletedTask;
        }

        var health = s.Health;
        var problem = s.RecordingStopped && health?.Ok != false ? s.LastRecordingFailure?.Reason : health?.Problem;
        var conditions = new CameraConditions(deviceId, s.Room,
            Offline: health is { Online: false },
            Frozen: health is { Online: true, Frozen: true },
            LowFps: health is { Online: true } && (health.LowFps || health.Stalled),
            RecordingStopped: s.RecordingStopped,
            problem);
        return GrainFactory.GetGrain<ISiteGrain>(siteId).ReportCameraConditions(conditions);
    }
}

[GenerateSerializer]
internal sealed class CameraState
{
    [Id(0)] public string? StreamUrl { get; set; }
    [Id(1)] public string? Room { get; set; }
    [Id(2)] public string? Source { get; set; }
    [Id(3)] public bool RecordingMarked { get; set; }
    [Id(4)] public bool Recording { get; set; }
    [Id(5)] public CameraHealth? Health { get; set; }
    [Id(6)] public RecordingFailure? LastRecordingFailure { get; set; }
    [Id(7)] public DateTimeOffset? RegisteredAt { get; set; }
    [Id(8)] public bool RecordingStopped { get; set; }
}
