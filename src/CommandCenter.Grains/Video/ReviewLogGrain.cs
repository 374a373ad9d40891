using CommandCenter.Abstractions.Video;

namespace CommandCenter.Grains.Video;

/// <summary>One exam day's review marks (key <c>yyyy-MM-dd</c>): appended, numbered, never changed.</summary>
internal sealed class ReviewLogGrain([PersistentState("reviews")] IPersistentState<ReviewLogState> state)
    : Grain, IReviewLogGrain
{
    public async Task<ReviewMark> Add(ReviewMark mark)
    {
        var numbered = mark with { Sequence = state.State.Marks.Count + 1 };
        state.State.Marks.Add(numbered);
        await state.WriteStateAsync();
        return numbered;
    }

    public Task<IReadOnlyList<ReviewMark>> List(string? cameraId) =>
        Task.FromResult<IReadOnlyList<ReviewMark>>([.. state.State.Marks.Where(m => cameraId is null || m.CameraId == cameraId)]);
}

[GenerateSerializer]
internal sealed class ReviewLogState
{
    [Id(0)]
    public List<ReviewMark> Marks { get; set; } = [];
}
