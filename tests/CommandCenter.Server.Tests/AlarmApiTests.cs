using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Server.Tests;

/// <summary>Alarms end to end: a fault over MQTT becomes an alarm in the API and the hub; ack, dispatch, resolve are scoped and audited.</summary>
public sealed class AlarmApiTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private const string Site = "43010209";

    private RunningServer Server => fixture.Server;

    private static object Region(string code) => new { region = code, sites = Array.Empty<string>(), cameras = Array.Empty<string>() };

    [Fact]
    public async Task a_jammer_fault_becomes_an_alarm_that_is_acknowledged_dispatched_and_resolved()
    {
        await using var watcher = await SituationWatcher.ConnectAsync(Server);
        await watcher.SubscribeRegion("430102");
        await using var agent = await SiteClient.ConnectAsync(Server.MqttPort, Site);
        await agent.Announce(("r001-jammer", "jammer", "001"));
        await agent.Status("r001-jammer", "jammer", "001", """{"on":true,"fault":"antenna"}""");

        var list = await Poll.Until(() => Server.GetJson("/api/v1/alarms?state=open&region=430102"), l => l.GetArrayLength() == 1, TimeSpan.FromSeconds(10));
        var alarm = list[0];
        foreach (var field in new[] { "id", "cause", "severity", "siteId", "room", "deviceId", "state", "firstSeen", "lastSeen", "count", "detail" })
        {
            Assert.True(alarm.TryGetProperty(field, out _), $"field {field}");
        }

        Assert.Equal(("jammer_fault", "alarm", Site, "001", "r001-jammer", "open", 1),
            (alarm.GetProperty("cause").GetString(), alarm.GetProperty("severity").GetString(), alarm.GetProperty("siteId").GetString(),
             alarm.GetProperty("room").GetString(), alarm.GetProperty("deviceId").GetString(), alarm.GetProperty("state").GetString(),
             alarm.GetProperty("count").GetInt32()));
        var id = alarm.GetProperty("id").GetString()!;

        // Pushed live to the region's watchers.
        await Poll.Until(() => Task.FromResult(watcher.Pushes.Any(p => p.Changes.TryGetProperty("alarms", out var a)
            && a.EnumerateArray().Any(x => x.GetProperty("id").GetString() == id))), seen => seen, TimeSpan.FromSeconds(10));

        // A county operator of another county cannot see it or act on it.
        using var neighbour = Server.ClientWith(await Server.CreateAccount("county-alarm-x", "county_operator", Region("430103")));
        using (var outside = await neighbour.PostAsync($"/api/v1/alarms/{id}/ack", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        }

        using var county = Server.ClientWith(await Server.CreateAccount("county-alarm", "county_operator", Region("430102")));
        using (var ack = await county.PostAsync($"/api/v1/alarms/{id}/ack", null))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            Assert.Equal("acknowledged", (await ack.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        }

        using (var twice = await county.PostAsync($"/api/v1/alarms/{id}/ack", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        using (var dispatch = await county.PostAsJsonAsync($"/api/v1/alarms/{id}/dispatch", new { inspector = "inspector-430102" }))
        {
            Assert.Equal("inspector-430102", (await dispatch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dispatchedTo").GetString());
        }

        // The region's list follows within a push interval.
        var mine = await Poll.Until(() => county.GetFromJsonAsync<JsonElement>("/api/v1/alarms?state=dispatched&dispatchedTo=inspector-430102"),
            l => l.GetArrayLength() > 0, TimeSpan.FromSeconds(10));
        Assert.Equal(id, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetString());

        using (var resolve = await county.PostAsJsonAsync($"/api/v1/alarms/{id}/resolve", new { note = "天线已更换" }))
        {
            var resolved = await resolve.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("resolved", resolved.GetProperty("state").GetString());
            Assert.Equal("天线已更换", resolved.GetProperty("closed").GetProperty("note").GetString());
        }

        // Acknowledging a resolved or an unknown alarm: a clear error, nothing changed.
        using (var late = await county.PostAsync($"/api/v1/alarms/{id}/ack", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Contains("resolved", await late.Content.ReadAsStringAsync());
        }

        using (var unknown = await county.PostAsync($"/api/v1/alarms/{Site}-0-999/ack", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var garbage = await county.PostAsync("/api/v1/alarms/not-an-alarm/ack", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        }

        var audit = await Server.GetJson("/api/v1/audit");
        var steps = audit.EnumerateArray().Where(e => e.GetProperty("target").GetString() == id)
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString())).ToList();
        Assert.Equal([("alarm_ack", "county-alarm"), ("alarm_dispatch", "county-alarm"), ("alarm_resolve", "county-alarm")], steps);

        var closed = await Poll.Until(() => Server.GetJson("/api/v1/alarms?state=resolved&region=430102"), l => l.GetArrayLength() > 0, TimeSpan.FromSeconds(10));
        Assert.Equal(id, Assert.Single(closed.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task readers_cannot_act_and_bad_queries_are_refused()
    {
        using var auditor = Server.ClientWith(await Server.CreateAccount("auditor-alarm", "auditor", Region("43")));
        using (var ack = await auditor.PostAsync("/api/v1/alarms/43010209-0-1/ack", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, ack.StatusCode);
        }

        using (var state = await Server.Http.GetAsync("/api/v1/alarms?state=burning"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, state.StatusCode);
        }

        using (var region = await Server.Http.GetAsync("/api/v1/alarms?region=999999"))
        {
            Assert.Equal(HttpStatusCode.NotFound, region.StatusCode);
        }

        using var county = Server.ClientWith(await Server.CreateAccount("county-alarm-y", "county_operator", Region("430103")));
        using var outside = await county.GetAsync("/api/v1/alarms?region=430102");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        using var longNote = await county.PostAsJsonAsync("/api/v1/alarms/43010301-0-1/resolve", new { note = new string('x', 1001) });
        Assert.Equal(HttpStatusCode.BadRequest, longNote.StatusCode);
    }
}
