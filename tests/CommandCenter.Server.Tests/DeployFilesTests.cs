using System.Text.RegularExpressions;
using CommandCenter.Server.Hosting;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace CommandCenter.Server.Tests;

/// <summary>
/// deploy/compose and deploy/k8s cannot be run here (no Docker engine, no cluster), so they are checked
/// structurally: the services of the production topology exist, every setting a silo gets is a
/// documented configuration key, and hosts and ports agree across silos, services and the broker config.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Root = Repo();
    private static readonly HashSet<string> DocumentedKeys = Documented();

    [Fact]
    public void compose_runs_three_silos_on_redis_with_mosquitto_influxdb_prometheus_and_grafana()
    {
        var compose = Load(Path.Combine(Root, "deploy", "compose", "docker-compose.yml"));
        var services = Map(compose["services"]);
        Assert.Superset(new HashSet<string> { "redis", "mosquitto", "influxdb", "silo1", "silo2", "silo3", "prometheus", "grafana" }, services.Keys.ToHashSet());

        var silos = services.Where(s => s.Key.StartsWith("silo", StringComparison.Ordinal)).ToList();
        var names = new HashSet<string>();
        foreach (var (name, body) in silos)
        {
            var silo = Map(body);
            var env = Map(silo["environment"]).ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => Text(e.Value));
            AssertDocumented(env.Keys, $"compose {name}");
            AssertProductionProfile(env, services.Keys, $"compose {name}");
            Assert.True(names.Add(env["Cluster:SiloName"]), $"compose {name}: Cluster:SiloName must be unique");

            var address = Text(Map(Map(Map(silo["networks"])["default"]))["ipv4_address"]);
            Assert.Equal(address, env["Cluster:AdvertisedAddress"]);
            var published = List(silo["ports"]).Select(Text).Single();
            Assert.EndsWith($":{Port(env["Urls"])}", published, StringComparison.Ordinal);
            Assert.Equal("always", Text(silo["restart"]));
        }

        Assert.Contains($"\"{BrokerTlsPort()}:{BrokerTlsPort()}\"", File.ReadAllText(Path.Combine(Root, "deploy", "compose", "docker-compose.yml")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Root, "deploy", "compose", "Dockerfile")));
        AssertMountedFilesExist(services, Path.Combine(Root, "deploy", "compose"));
    }

    [Fact]
    public void kubernetes_runs_the_same_topology_with_probes_ports_and_documented_settings()
    {
        var docs = Directory.GetFiles(Path.Combine(Root, "deploy", "k8s"), "*.yaml").SelectMany(LoadAll).ToList();
        Assert.All(docs, d => Assert.Equal("command-center", Text(Map(d["metadata"]).GetValueOrDefault("namespace") ?? Map(d["metadata"])["name"])));
        var byKind = docs.ToLookup(d => Text(d["kind"]), d => (Name: Text(Map(d["metadata"])["name"]), Doc: d));
        var services = byKind["Service"].ToDictionary(s => s.Name, s => List(Map(s.Doc["spec"])["ports"]).Select(p => Text(Map(p)["port"])).ToList());
        Assert.Superset(new HashSet<string> { "redis", "mosquitto", "influxdb", "grafana", "command-center" }, services.Keys.ToHashSet());

        var silo = Map(byKind["StatefulSet"].Single(s => s.Name == "silo").Doc["spec"]);
        Assert.Equal("3", Text(silo["replicas"]));
        var container = Map(List(Map(Map(Map(silo["template"])["spec"]))["containers"]).Single());
        var ports = List(container["ports"]).Select(Map).ToDictionary(p => Text(p["name"]), p => Text(p["containerPort"]));
        var defaults = new ClusterHostOptions();
        Assert.Equal(defaults.SiloPort.ToString(), ports["silo"]);
        Assert.Equal(defaults.GatewayPort.ToString(), ports["gateway"]);

        var env = List(container["env"]).Select(Map).ToDictionary(e => Text(e["name"]).Replace("__", ":", StringComparison.Ordinal), e => e.TryGetValue("value", out var v) ? Text(v) : "(from a secret)");
        AssertDocumented(env.Keys.Where(k => k.Contains(':', StringComparison.Ordinal) || k == "Urls"), "k8s silo");
        AssertProductionProfile(env, services.Keys, "k8s silo");
        Assert.Equal(Port(env["Urls"]), ports["http"]);
        Assert.Equal("$(POD_NAME)", env["Cluster:SiloName"]);
        foreach (var (probe, path) in new[] { ("readinessProbe", "/readyz"), ("livenessProbe", "/healthz") })
        {
            var get = Map(Map(container[probe])["httpGet"]);
            Assert.Equal(path, Text(get["path"]));
            Assert.Contains(Text(get["port"]), ports.Keys);
        }

        Assert.Contains(Port(env["Redis:Configuration"]), services["redis"]);
        Assert.Contains(env["Mqtt:Port"], services["mosquitto"]);
        Assert.Contains(Port(env["Influx:Url"]), services["influxdb"]);
        Assert.Equal(BrokerTlsPort(), env["Mqtt:Port"]);
    }

    [Fact]
    public void systemd_examples_use_only_documented_settings()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "deploy", "systemd"), "*.env.example"))
        {
            var keys = File.ReadLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=')[0].Replace("__", ":", StringComparison.Ordinal));
            AssertDocumented(keys, Path.GetFileName(file));
        }
    }

    [Fact]
    public void an_undocumented_key_is_caught()
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertDocumented(["Cluster:Provder"], "typo"));
    }

    // Every silo of the production profile: Redis clustering, the external broker, history on, each pointing at a service that exists.
    private static void AssertProductionProfile(IReadOnlyDictionary<string, string> env, IEnumerable<string> services, string where)
    {
        var hosts = services.ToHashSet();
        Assert.True(env.GetValueOrDefault("Cluster:Provider") == "Redis", $"{where}: Cluster:Provider=Redis");
        Assert.True(env.GetValueOrDefault("Mqtt:Mode") == "External", $"{where}: Mqtt:Mode=External");
        Assert.True(env.GetValueOrDefault("Mqtt:UseTls") == "true", $"{where}: Mqtt:UseTls=true");
        Assert.Contains(env["Redis:Configuration"].Split(':')[0], hosts);
        Assert.Contains(env["Mqtt:Host"], hosts);
        Assert.Contains(new Uri(env["Influx:Url"]).Host, hosts);
        Assert.Equal(BrokerTlsPort(), env["Mqtt:Port"]);
        Assert.True(env.ContainsKey("Cluster:SiloName"), $"{where}: Cluster:SiloName");
        Assert.True(env.ContainsKey("Cluster:AdvertisedAddress"), $"{where}: Cluster:AdvertisedAddress");
        Assert.True(env.ContainsKey("Mqtt:Password"), $"{where}: Mqtt:Password");
    }

    private static void AssertDocumented(IEnumerable<string> keys, string where)
    {
        var unknown = keys.Where(k => k != "Urls" && !DocumentedKeys.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"{where}: not documented in docs/configuration.md: {string.Join(", ", unknown)}");
    }

    private static void AssertMountedFilesExist(Dictionary<string, object> services, string composeDir)
    {
        foreach (var (name, body) in services)
        {
            if (!Map(body).TryGetValue("volumes", out var volumes))
            {
                continue;
            }

            foreach (var source in List(volumes).Select(v => Text(v).Split(':')[0]).Where(s => s.StartsWith("../", StringComparison.Ordinal)))
            {
                var path = Path.GetFullPath(Path.Combine(composeDir, source));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"compose {name} mounts {source}, which is not in the repo");
            }
        }
    }

    private static string BrokerTlsPort() =>
        ListenerPattern().Matches(File.ReadAllText(Path.Combine(Root, "deploy", "mosquitto", "mosquitto.conf")))
            .Select(m => m.Groups[1].Value).First();

    private static string Port(string endpoint) => endpoint.Split(':')[^1].Split('/')[0].Split(',')[0];

    private static HashSet<string> Documented()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "configuration.md")) + File.ReadAllText(Path.Combine(Root, "docs", "operations.md"));
        return KeyPattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    private static Dictionary<string, object> Load(string file)
    {
        using var reader = new StringReader(File.ReadAllText(file));
        return new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(reader)));
    }

    private static IEnumerable<Dictionary<string, object>> LoadAll(string file)
    {
        using var reader = new StringReader(File.ReadAllText(file));
        var parser = new MergingParser(new Parser(reader));
        var deserializer = new DeserializerBuilder().Build();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var docs = new List<Dictionary<string, object>>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            docs.Add(deserializer.Deserialize<Dictionary<string, object>>(parser));
        }

        return docs;
    }

    private static Dictionary<string, object> Map(object? node) => node as Dictionary<string, object>
        ?? Assert.IsAssignableFrom<IDictionary<object, object>>(node).ToDictionary(kv => Text(kv.Key), kv => kv.Value);

    private static List<object> List(object? node) => [.. Assert.IsAssignableFrom<IEnumerable<object>>(node)];

    private static string Text(object? node) => Assert.IsType<string>(node);

    [GeneratedRegex(@"`([A-Z][A-Za-z]+(?::[A-Z][A-Za-z]+)+)")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"(?m)^listener\s+(\d+)\s*$")]
    private static partial Regex ListenerPattern();

    private static string Repo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
