using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CommandCenter.Edge.Tests.Harness;

/// <summary>
/// Identity readers posting verify events over HTTP, each device one after the other, with msgIds
/// <c>{device}-{n}</c>; records which ones the agent acknowledged (202: on disk).
/// </summary>
internal sealed class EventPoster(Func<HttpClient> http, int devices, TimeSpan pause)
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public ConcurrentQueue<string> Acknowledged { get; } = new();

    public static string Device(int index) => $"r{index + 1:D3}-id";

    public static int Number(string msgId) => int.Parse(msgId[(msgId.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    public void Start() => _run = Task.WhenAll(Enumerable.Range(0, devices).Select(PostLoopAsync));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run!;
    }

    private async Task PostLoopAsync(int index)
    {
        var device = Device(index);
        var room = $"{index + 1:D3}";
        for (var n = 1; !_stop.IsCancellationRequested; n++)
        {
            var msgId = $"{device}-{n}";
            var body = $$$"""{"msgId":"{{{msgId}}}","kind":"id_reader","room":"{{{room}}}","data":{"type":"verify","ticket":"T{{{n}}}","result":"match","score":0.9}}""";
            try
            {
                using var response = await http().PostAsync($"/devices/{device}/event", new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    Acknowledged.Enqueue(msgId);
                }
            }
            catch (HttpRequestException)
            {
                // The agent was killed mid-request: this one was never acknowledged.
            }
            catch (TaskCanceledException)
            {
            }

            try
            {
                await Task.Delay(pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
