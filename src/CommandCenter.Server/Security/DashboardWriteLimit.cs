using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Security;

/// <summary>
/// The "writes" budget (<c>Auth:WritesPerMinute</c> per account) for writes a dashboard page makes inside its
/// circuit, which the HTTP rate limiter does not see.
/// </summary>
public sealed class DashboardWriteLimit(IOptions<AuthOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.WritesPerMinute,
            Window = TimeSpan.FromMinutes(1),
        }));

    public bool TryTake(string user)
    {
        using var lease = _limiter.AttemptAcquire(user);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
