using CommandCenter.Server.Hosting;

namespace CommandCenter.Server.Custody;

/// <summary>The paper custody chain: bags, ledgers, paper-set switches and the command publisher they use.</summary>
public static class CustodyHosting
{
    public static WebApplicationBuilder AddCustody(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CommandPublisher>();
        builder.Services.AddSingleton<PaperSwitchService>();
        builder.Services.AddSingleton<CustodyDesk>();
        builder.Services.AddSingleton<CustodyMapReader>();
        builder.Services.AddValidatedOptions<CustodyOptions>(builder.Configuration, CustodyOptions.Section);
        builder.Services.AddHostedService<MissingBagWatcher>();
        return builder;
    }

    public static WebApplication MapCustodyApi(this WebApplication app)
    {
        app.MapBagApi();
        app.MapLedgerApi();
        app.MapSwitchApi();
        return app;
    }
}
