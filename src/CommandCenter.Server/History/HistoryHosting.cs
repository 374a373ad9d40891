using CommandCenter.Grains;
using CommandCenter.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.History;

public static class HistoryHosting
{
    /// <summary>InfluxDB history when <c>Influx:Url</c> is set; the API answers 404 otherwise.</summary>
    public static void AddHistory(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<InfluxOptions>(builder.Configuration, InfluxOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<InfluxOptions>, InfluxOptionsValidator>();
        builder.Services.AddSingleton<HistoryReader>();
        var influx = builder.Configuration.GetSection(InfluxOptions.Section).Get<InfluxOptions>() ?? new InfluxOptions();
        if (!influx.Enabled)
        {
            return;
        }

        builder.Logging.AddFilter("System.Net.Http.HttpClient.InfluxClient", LogLevel.Warning);
        builder.Services.AddSingleton<HistoryStats>();
        builder.Services.AddHttpClient<InfluxClient>(c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<HistoryWriter>();
        builder.Services.AddSingleton<IHistorySink>(sp => sp.GetRequiredService<HistoryWriter>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HistoryWriter>());
        builder.Services.AddHostedService<RollupService>();
    }
}

internal sealed class InfluxOptionsValidator : IValidateOptions<InfluxOptions>
{
    public ValidateOptionsResult Validate(string? name, InfluxOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return ValidateOptionsResult.Fail($"Influx:Url must be an http(s) URL such as http://127.0.0.1:8086 (got '{options.Url}').");
        }

        if (options.RollupInterval < TimeSpan.FromSeconds(1) || options.RollupInterval > TimeSpan.FromHours(1))
        {
            return ValidateOptionsResult.Fail($"Influx:RollupInterval must be between 00:00:01 and 01:00:00 (got {options.RollupInterval}).");
        }

        return options.MaxRetryDelay < options.RetryDelay
            ? ValidateOptionsResult.Fail("Influx:MaxRetryDelay must not be shorter than Influx:RetryDelay.")
            : ValidateOptionsResult.Success;
    }
}
