using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.History;

/// <summary>Our own InfluxDB 1.x HTTP client: /ping, InfluxQL /query and gzip line-protocol /write.</summary>
public sealed class InfluxClient(HttpClient http, IOptions<InfluxOptions> options)
{
    private readonly InfluxOptions _options = options.Value;

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Uri("/ping", []), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Creates the database and both retention policies, or brings their durations in line.</summary>
    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        var db = Quote(_options.Database);
        await CommandAsync($"CREATE DATABASE {db}", cancellationToken);
        await EnsurePolicy(InfluxOptions.EventPolicy, _options.EventRetention, isDefault: true, cancellationToken);
        await EnsurePolicy(InfluxOptions.RollupPolicy, _options.RollupRetention, isDefault: false, cancellationToken);
    }

    private async Task EnsurePolicy(string name, string duration, bool isDefault, CancellationToken cancellationToken)
    {
        var tail = $"ON {Quote(_options.Database)} DURATION {duration} REPLICATION 1{(isDefault ? " DEFAULT" : "")}";
        try
        {
            await CommandAsync($"CREATE RETENTION POLICY {Quote(name)} {tail}", cancellationToken);
        }
        catch (InfluxException ex) when (ex.Message.Contains("already exists", StringComparison.Ordinal))
        {
            await CommandAsync($"ALTER RETENTION POLICY {Quote(name)} {tail}", cancellationToken);
        }
    }

    /// <summary>Writes points of one retention policy (gzip, millisecond precision).</summary>
    public async Task WriteAsync(string retentionPolicy, IReadOnlyList<LinePoint> points, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(points.Count * 160);
        foreach (var point in points)
        {
            point.AppendTo(text);
        }

        using var body = new MemoryStream();
        await using (var gzip = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
        }

        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Headers.ContentEncoding.Add("gzip");
        var uri = Uri("/write", [("db", _options.Database), ("rp", retentionPolicy), ("precision", "ms")]);
        using var response = await http.PostAsync(uri, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InfluxException($"write: HTTP {(int)response.StatusCode} {error}", (int)response.StatusCode);
        }
    }

    /// <summary>Runs a read query; returns each series' rows as column → value.</summary>
    public async Task<IReadOnlyList<InfluxSeries>> QueryAsync(string query, CancellationToken cancellationToken)
    {
        var uri = Uri("/query", [("db", _options.Database), ("q", query), ("epoch", "ms")]);
        using var response = await http.GetAsync(uri, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InfluxException($"query: HTTP {(int)response.StatusCode} {json}", (int)response.StatusCode);
        }

        return InfluxSeries.Parse(json);
    }

    private async Task CommandAsync(string command, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent([new("q", command)]);
        using var response = await http.PostAsync(Uri("/query", []), content, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InfluxException($"{command}: HTTP {(int)response.StatusCode} {json}", (int)response.StatusCode);
        }

        InfluxSeries.Parse(json);
    }

    private Uri Uri(string path, IEnumerable<(string Key, string Value)> query)
    {
        var all = query.ToList();
        if (!string.IsNullOrEmpty(_options.User))
        {
            all.Add(("u", _options.User));
            all.Add(("p", _options.Password ?? ""));
        }

        var qs = string.Join('&', all.Select(p => $"{System.Uri.EscapeDataString(p.Key)}={System.Uri.EscapeDataString(p.Value)}"));
        return new Uri(new Uri(_options.Url!), qs.Length > 0 ? $"{path}?{qs}" : path);
    }

    /// <summary>An InfluxQL identifier in double quotes.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>An InfluxQL string literal in single quotes.</summary>
    public static string Literal(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}

public sealed class InfluxException(string message, int status = 0) : Exception(message)
{
    /// <summary>HTTP status; 4xx (but 429) means the request itself is wrong and retrying will not help.</summary>
    public int Status { get; } = status;
}

/// <summary>One series of a query result.</summary>
public sealed record InfluxSeries(string Name, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Rows)
{
    public static IReadOnlyList<InfluxSeries> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var list = new List<InfluxSeries>();
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            // Query errors come back as HTTP 200 with an error per statement.
            if (result.TryGetProperty("error", out var error))
            {
                throw new InfluxException(error.GetString() ?? "query error");
            }

            if (!result.TryGetProperty("series", out var series))
            {
                continue;
            }

            foreach (var s in series.EnumerateArray())
            {
                var columns = s.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
                var tags = s.TryGetProperty("tags", out var t)
                    ? t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
                    : new Dictionary<string, string>();
                var rows = s.GetProperty("values").EnumerateArray()
                    .Select(v => (IReadOnlyDictionary<string, JsonElement>)v.EnumerateArray().Select((cell, i) => (columns[i], cell.Clone())).ToDictionary(p => p.Item1, p => p.Item2))
                    .ToList();
                list.Add(new InfluxSeries(s.GetProperty("name").GetString() ?? "", tags, rows));
            }
        }

        return list;
    }
}
