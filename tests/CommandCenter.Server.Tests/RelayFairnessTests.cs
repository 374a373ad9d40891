using CommandCenter.Server.Api;
using CommandCenter.Server.Push;
using CommandCenter.Server.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Server.Tests;

/// <summary>The relay serves every subscriber even when one of them never finishes taking a push.</summary>
public sealed class RelayFairnessTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    [Fact]
    public async Task A_subscriber_stuck_on_a_push_does_not_hold_up_the_others()
    {
        const string siteId = "43010398";
        var relay = fixture.Server.Services.GetRequiredService<SituationRelay>();
        var county = SituationTopic.Region("430103");
        var stuckCalls = 0;
        var never = new TaskCompletionSource();
        relay.Attach("test:stuck", _ =>
        {
            Interlocked.Increment(ref stuckCalls);
            return never.Task;
        });
        var received = new List<ChangesDto>();
        var fresh = new SemaphoreSlim(0);
        relay.Attach("test:live", changes =>
        {
            lock (received)
            {
                received.Add(changes);
            }

            fresh.Release();
            return Task.CompletedTask;
        });
        await relay.Subscribe("test:stuck", county);
        await relay.Subscribe("test:live", county);
        try
        {
            await using var agent = await SiteClient.ConnectAsync(fixture.Server.MqttPort, siteId);
            await agent.Announce(("j-001", "jammer", "001"));
            for (var i = 0; i < 3; i++)
            {
                // Each fault flip changes the county's tally: three separate pushes must reach the live one.
                await agent.Status("j-001", "jammer", "001", i % 2 == 0 ? """{"on":false,"fault":"power"}""" : """{"on":true,"fault":null}""");
                Assert.True(await WaitForSite(received, fresh, siteId, expectFault: i % 2 == 0), $"push {i + 1} never reached the live subscriber");
            }

            Assert.Equal(1, Volatile.Read(ref stuckCalls));
        }
        finally
        {
            never.SetResult();
            await relay.Drop("test:stuck");
            await relay.Drop("test:live");
        }
    }

    private static async Task<bool> WaitForSite(List<ChangesDto> received, SemaphoreSlim fresh, string siteId, bool expectFault)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            lock (received)
            {
                var last = received.SelectMany(c => c.Regions).SelectMany(r => r.Children).LastOrDefault(c => c.Code == siteId);
                if (last is not null && (last.Counts.DevicesFault > 0) == expectFault)
                {
                    return true;
                }
            }

            await fresh.WaitAsync(TimeSpan.FromMilliseconds(500));
        }

        return false;
    }
}
