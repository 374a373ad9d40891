using CommandCenter.Abstractions.Video;

namespace CommandCenter.Grains.Video;

/// <summary>The set of camera ids (key <c>all</c>).</summary>
internal sealed class CameraDirectoryGrain([PersistentState("cameras")] IPersistentState<CameraDirectoryState> state)
    : Grain, ICameraDirectoryGrain
{
    public async Task Add(string cameraId)
    {
        if (state.State.Ids.Add(cameraId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> List() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Ids.Order(StringComparer.Ordinal)]);
}

[GenerateSerializer]
internal sealed class CameraDirectoryState
{
    [Id(0)]
    public HashSet<string> Ids { get; set; } = new(StringComparer.Ordinal);
}
