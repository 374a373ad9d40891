namespace CommandCenter.Server.Hosting;

/// <summary>Section "Redis": the StackExchange.Redis connection string of the production profile.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>e.g. <c>127.0.0.1:6379,password=…</c>; required when Cluster:Provider=Redis.</summary>
    public string? Configuration { get; set; }
}
