using CommandCenter.Contracts.Parsing;
using CommandCenter.Edge.Queue;

namespace CommandCenter.Edge.Devices.Http;

/// <summary>The routes of the local HTTP adapter.</summary>
public static class DeviceEndpoints
{
    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/devices/{deviceId}/status", (string deviceId, HttpRequest request, HttpDeviceAdapter adapter) =>
            SubmitAsync(request, body => adapter.ReadingAsync(deviceId, ReadingType.Status, body, request.HttpContext.RequestAborted)));
        app.MapPost("/devices/{deviceId}/event", (string deviceId, HttpRequest request, HttpDeviceAdapter adapter) =>
            SubmitAsync(request, body => adapter.ReadingAsync(deviceId, ReadingType.Event, body, request.HttpContext.RequestAborted)));
        app.MapPost("/custody", (HttpRequest request, HttpDeviceAdapter adapter) =>
            SubmitAsync(request, body => adapter.CustodyAsync(body, request.HttpContext.RequestAborted)));
        app.MapPost("/reports", (HttpRequest request, HttpDeviceAdapter adapter) =>
            SubmitAsync(request, body => adapter.ReportAsync(body, request.HttpContext.RequestAborted)));
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, Func<ReadOnlyMemory<byte>, Task<SubmitResult>> submit)
    {
        var body = await ReadBodyAsync(request, DurableQueue.MaxPayloadBytes + 1).ConfigureAwait(false);
        if (body.Length > DurableQueue.MaxPayloadBytes)
        {
            return Results.Json(new { error = "too_large", detail = $"more than {DurableQueue.MaxPayloadBytes} bytes" }, statusCode: 413);
        }

        var result = await submit(body).ConfigureAwait(false);
        return result.Outcome switch
        {
            SubmitOutcome.Queued => Results.Accepted(value: new { msgId = result.MsgId, queued = "durable" }),
            SubmitOutcome.Batched => Results.Accepted(value: new { msgId = result.MsgId, queued = "batched" }),
            SubmitOutcome.Rejected => Results.BadRequest(new { error = result.Error, detail = result.Detail }),
            _ => Results.Json(new { error = result.Error, detail = result.Detail }, statusCode: 503),
        };
    }

    /// <summary>The body, or its first <paramref name="limit"/> bytes when it is longer.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while (buffer.Length < limit && (read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            return new byte[limit]; // Kestrel's own limit (a Content-Length far too large): answered as too large
        }

        return buffer.ToArray();
    }
}
