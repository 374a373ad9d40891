using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Grains;
using CommandCenter.Grains.Alarms;
using CommandCenter.Regions;
using CommandCenter.Server.Api;
using CommandCenter.Server.Broker;
using CommandCenter.Server.Custody;
using CommandCenter.Server.Dashboard;
using CommandCenter.Server.History;
using CommandCenter.Server.Ingest;
using CommandCenter.Server.Plan;
using CommandCenter.Server.Push;
using CommandCenter.Server.Reports;
using CommandCenter.Server.Security;
using CommandCenter.Server.Simulation;
using CommandCenter.Server.Video;
using CommandCenter.Simulator;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Hosting;

/// <summary>The wiring of the command center, one piece per data-flow stage: silo, broker, ingest, push, simulation.</summary>
public static class CommandCenterHosting
{
    public static WebApplicationBuilder AddCommandCenter(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(RegionCatalog.Hunan);

        builder.AddOrleansSilo();
        builder.AddSecurity();
        builder.AddEdgeIngest();
        builder.AddSituationPush();
        builder.AddVideo();
        builder.AddExamPlan();
        builder.AddCustody();
        builder.AddSimulation();
        builder.AddHistory();
        builder.AddTelemetry();
        builder.AddDashboard();
        return builder;
    }

    public static WebApplication MapCommandCenter(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseDashboardLanguage();
        app.UseSecurity();
        app.MapHealth();
        app.MapAuth();
        app.MapLoginPage();
        app.MapAccounts();
        app.MapAudit();
        app.MapSituationApi();
        app.MapPlanApi();
        app.MapAlarmApi();
        app.MapSiteReportApi();
        app.MapCustodyApi();
        app.MapHistory();
        app.MapTelemetry();
        app.MapHub<SituationHub>(SituationHub.Path);
        app.MapVideo();
        app.MapDashboard();
        return app;
    }

    private static void AddOrleansSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ClusterHostOptions>(builder.Configuration, ClusterHostOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<ClusterHostOptions>, ClusterHostOptionsValidator>();
        builder.Services.AddValidatedOptions<LivenessOptions>(builder.Configuration, IngestOptions.Section);
        builder.Services.AddValidatedOptions<PushOptions>(builder.Configuration, "Push");
        builder.Services.AddValidatedOptions<RulesOptions>(builder.Configuration, RulesOptions.Section);
        builder.AddClusterProfile();
    }

    private static void AddEdgeIngest(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MqttOptions>(builder.Configuration, MqttOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>();
        builder.Services.AddValidatedOptions<IngestOptions>(builder.Configuration, IngestOptions.Section);
        builder.Services.AddSingleton<IngestStats>();
        builder.Services.AddSingleton<IngestReadiness>();
        builder.Services.AddSingleton<EmbeddedBrokerReady>();
        builder.Services.AddSingleton<GrainRouter>();
        builder.Services.AddSingleton<IngestPipeline>();
        builder.Services.AddSingleton<IngestConnection>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IngestPipeline>());
        builder.Services.AddSingleton<EmbeddedBroker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        builder.Services.AddHostedService<MqttIngestService>();
    }

    private static void AddSituationPush(this WebApplicationBuilder builder)
    {
        var enums = new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(enums));
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(enums));
        builder.Services.AddSingleton<SituationReader>();
        builder.Services.AddSingleton<SituationRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SituationRelay>());
    }

    private static void AddExamPlan(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlanOptions>().Bind(builder.Configuration.GetSection(PlanOptions.Section));
        builder.Services.AddSingleton<PlanImporter>();
        builder.Services.AddSingleton<AlarmActions>();
        builder.Services.AddSingleton<SiteReportDesk>();
        builder.Services.AddSingleton<DashboardWriteLimit>();
        builder.Services.AddHostedService<PlanStartupImport>();
    }

    private static void AddSimulation(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulationOptions>().Bind(builder.Configuration.GetSection(SimulationOptions.SectionName));
        builder.Services.AddHostedService<SimulationHostedService>();
    }
}
