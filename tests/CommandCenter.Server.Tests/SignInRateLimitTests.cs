using System.Net;
using System.Net.Http.Json;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Server.Tests;

public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task sign_in_attempts_from_one_address_are_rate_limited()
    {
        await using var server = await RunningServer.StartAsync("--Auth:SignInsPerMinute=4");
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await server.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "nobody", password = "nothing-at-all" });
            codes.Add(response.StatusCode);
        }

        // The harness itself signed in once: 3 more are allowed, then 429.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], codes.Take(3));
        Assert.All(codes.Skip(3), c => Assert.Equal(HttpStatusCode.TooManyRequests, c));
    }
}
