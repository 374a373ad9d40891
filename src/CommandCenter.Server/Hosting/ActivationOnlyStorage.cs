using Orleans.Storage;

namespace CommandCenter.Server.Hosting;

/// <summary>
/// The embedded default's "live" storage: nothing is kept beyond the activation, exactly as a
/// single in-memory silo behaves anyway, without a storage round trip on every change.
/// </summary>
internal sealed class ActivationOnlyStorage : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.ETag = "live";
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
