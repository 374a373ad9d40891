using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CommandCenter.Edge.Devices.Line;
using CommandCenter.Edge.Tests.Harness;
using CommandCenter.Testing;

namespace CommandCenter.Edge.Tests;

/// <summary>Garbage from devices is refused locally with the center's reason; an unreachable broker is reported once, clearly.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private RunningAgent _agent = null!;

    public async Task InitializeAsync() => _agent = await RunningAgent.StartAsync(_dir.Sub("queue"), $"--Edge:Line:Port={FreePorts.Next()}");

    public async Task DisposeAsync()
    {
        var errors = _agent.Logs.Errors.ToList();
        await _agent.DisposeAsync();
        _dir.Dispose();
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("/devices/r001-clock/status", "not json", "malformed_json")]
    [InlineData("/devices/r001-clock/status", "[1,2,3]", "malformed_json")]
    [InlineData("/devices/r001-clock/status", """{"kind":"toaster","room":"001","data":{}}""", "unknown_kind")]
    [InlineData("/devices/r001-clock/status", """{"kind":"clock","room":"1","data":{"offsetMs":1,"synced":true,"source":"bds"}}""", "room_invalid")]
    [InlineData("/devices/r001-clock/status", """{"kind":"clock","room":"001","data":{"offsetMs":"late","synced":true,"source":"bds"}}""", "invalid_field")]
    [InlineData("/devices/r001-clock/status", """{"kind":"clock","room":"001","data":{"synced":true}}""", "missing_field")]
    [InlineData("/devices/r001-clock/event", """{"kind":"clock","room":"001","data":{"type":"exploded"}}""", "unknown_event_type")]
    [InlineData("/devices/r001-clock/event", """{"kind":"clock","room":"001","ts":"2099-01-01T00:00:00+08:00","data":{"type":"stopped"}}""", "future_timestamp")]
    [InlineData("/devices/r001-clock/event", """{"kind":"clock","room":"001","ts":"yesterday","data":{"type":"stopped"}}""", "invalid_field")]
    [InlineData("/devices/r001-clock/event", """{"kind":"clock","room":"001","deviceId":"other","data":{"type":"stopped"}}""", "device_id_invalid")]
    [InlineData("/devices/bad%20id/event", """{"kind":"clock","room":"001","data":{"type":"stopped"}}""", "device_id_invalid")]
    [InlineData("/custody", """{"bag":"B-1","action":"teleported"}""", "invalid_field")]
    [InlineData("/reports", """{"type":"weekly","session":"2026-gk-yw"}""", "invalid_field")]
    [InlineData("/reports", """{"type":"zero","msgId":"has space"}""", "msg_id_invalid")]
    public async Task garbage_from_a_device_is_refused_with_the_centers_reason(string path, string body, string reason)
    {
        using var response = await _agent.PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refusal = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(reason, refusal.GetProperty("error").GetString());

        var status = await _agent.StatusAsync();
        Assert.Contains(status.GetProperty("rejections").EnumerateArray(), r => r.GetProperty("reason").GetString() == reason);
        Assert.Equal(0, status.GetProperty("queue").GetProperty("kept").GetProperty("pending").GetInt64());
    }

    [Fact]
    public async Task an_oversized_body_is_refused_before_it_is_read_whole()
    {
        using var response = await _agent.PostAsync("/devices/r001-clock/event", new string('x', 300_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task a_valid_event_gets_msgId_and_ts_filled_in_and_is_queued_durably()
    {
        using var response = await _agent.PostAsync("/devices/r007-id/event",
            """{"kind":"id_reader","room":"007","data":{"type":"verify","ticket":"64301020100701","result":"match","score":0.97}}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(32, answer.GetProperty("msgId").GetString()!.Length);
        Assert.Equal("durable", answer.GetProperty("queued").GetString());

        var status = await _agent.StatusAsync();
        Assert.Equal(1, status.GetProperty("queue").GetProperty("kept").GetProperty("pending").GetInt64());
        var device = status.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "r007-id");
        Assert.Equal("http", device.GetProperty("adapter").GetString());
    }

    [Fact]
    public async Task a_device_cannot_change_its_kind_or_room()
    {
        using var first = await _agent.PostAsync("/devices/r002-jammer/status", """{"kind":"jammer","room":"002","data":{"on":true,"fault":null}}""");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var kind = await _agent.PostAsync("/devices/r002-jammer/status", """{"kind":"clock","room":"002","data":{"offsetMs":1,"synced":true,"source":"bds"}}""");
        using var room = await _agent.PostAsync("/devices/r002-jammer/status", """{"kind":"jammer","room":"003","data":{"on":true,"fault":null}}""");
        Assert.Equal(HttpStatusCode.BadRequest, kind.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, room.StatusCode);
    }

    [Fact]
    public async Task the_line_adapter_answers_every_line_and_survives_garbage()
    {
        var adapter = _agent.Get<LineDeviceAdapter>();
        await Poll.UntilAsync(() => adapter.LocalEndpoint is not null, TimeSpan.FromSeconds(5), "the line adapter to listen");
        using var client = new TcpClient();
        await client.ConnectAsync(adapter.LocalEndpoint!);
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        async Task<string> Send(string line)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"));
            return (await reader.ReadLineAsync())!;
        }

        Assert.StartsWith("ok ", await Send("""{"deviceId":"r009-md","kind":"metal_detector","room":"009","data":{"type":"alarm","ticket":"T1"}}"""));
        Assert.StartsWith("error malformed_json", await Send("\u0001\u0002 garbage"));
        Assert.StartsWith("error missing_field", await Send("""{"kind":"jammer","room":"009","data":{"on":true}}"""));
        Assert.StartsWith("error too_large", await Send(new string('x', LineProtocol.MaxLineBytes + 10)));
        Assert.StartsWith("ok ", await Send("""{"deviceId":"r009-md","kind":"metal_detector","room":"009","data":{"ready":true,"batteryPct":80}}"""));
        await stream.WriteAsync(new byte[] { 0xFF, 0xFE, (byte)'\n' });
        Assert.StartsWith("error malformed_json not valid UTF-8", (await reader.ReadLineAsync())!);

        var status = await _agent.StatusAsync();
        var device = status.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "r009-md");
        Assert.Equal(1, device.GetProperty("events").GetInt64());
        Assert.Equal(1, device.GetProperty("statuses").GetInt64());
    }

    [Fact]
    public async Task an_unreachable_broker_is_reported_once_and_readings_are_kept()
    {
        await Task.Delay(TimeSpan.FromSeconds(3)); // several reconnect attempts (200 ms to 1 s apart)
        using var response = await _agent.PostAsync("/devices/r001-clock/event", """{"kind":"clock","room":"001","data":{"type":"stopped"}}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var status = await _agent.StatusAsync();
        var broker = status.GetProperty("broker");
        Assert.False(broker.GetProperty("connected").GetBoolean());
        Assert.True(broker.GetProperty("failedAttempts").GetInt32() >= 3);
        Assert.Single(_agent.Logs.Warnings, w => w.Contains("cannot reach the broker") && w.Contains("Edge:Mqtt:Host"));
        Assert.Contains("未连接", await _agent.Http.GetStringAsync("/"));
        Assert.Contains("not connected", await _agent.Http.GetStringAsync("/?lang=en"));
    }
}
