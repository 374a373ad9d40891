using System.Diagnostics;
using System.Globalization;
using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Alarms;

// What the rules add to each device update reaching a site grain: parse the status, run the device rules,
// keep the alarm book; plus one tick per site per status interval. Measured as CPU time of this process
// (not wall time), so a machine shared with other work skews it less.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var updates = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4_000_000;
const int Sites = 40;
const int Rooms = 50;
var start = DateTimeOffset.Parse("2026-06-07T09:30:00+08:00", CultureInfo.InvariantCulture);
var session = new ExamSession("s", "语文", start.AddMinutes(-30), start.AddHours(2), start.AddMinutes(-60), start.AddMinutes(-15), start.AddMinutes(-45), start.AddHours(3));
var rules = Enumerable.Range(1, Sites).Select(i =>
{
    var siteId = "430102" + i.ToString("D2", CultureInfo.InvariantCulture);
    var plan = new SitePlan("e", "f", new RuleThresholds(), [session], new PlanSite(siteId, "x", "x", 28, 112, "430102"),
        Enumerable.Range(1, Rooms).Select(r => new PlanRoom(siteId, r.ToString("D3", CultureInfo.InvariantCulture), 30, 30)).ToList(), [], [], [], [], []);
    var site = new SiteRules(siteId, siteId + "-b");
    site.ApplyPlan(plan, start);
    site.OnPresence(true, start);
    return site;
}).ToArray();

// Mostly healthy statuses as the simulator sends them; one room in 500 faulty, so alarms are raised and cleared too.
string Data(DeviceKind kind, bool faulty) => kind switch
{
    DeviceKind.Clock => faulty ? """{"offsetMs":3400,"synced":false,"source":"bds"}""" : """{"offsetMs":12,"synced":true,"source":"bds"}""",
    DeviceKind.Jammer => faulty ? """{"on":false,"fault":null}""" : """{"on":true,"fault":null}""",
    DeviceKind.MetalDetector => """{"ready":true,"batteryPct":87}""",
    DeviceKind.IdReader => """{"ready":true}""",
    _ => faulty ? """{"online":true,"recording":false,"streamUrl":"rtsp://x/1","fps":0}""" : """{"online":true,"recording":true,"streamUrl":"rtsp://x/1","fps":25}""",
};

var kinds = new[] { DeviceKind.Clock, DeviceKind.Jammer, DeviceKind.MetalDetector, DeviceKind.IdReader, DeviceKind.Camera };
var batch = new DeviceView[5];
var now = start;
var perTick = Rooms * kinds.Length * 3; // a tick every 10 s per site, statuses every ~3 s: one tick per 750 updates of a site
var done = 0;
var ticks = 0;
var random = new Random(2026);

void Run(int count)
{
    for (var n = 0; n < count; n += 5)
    {
        var site = rules[(n / 5) % Sites];
        var room = ((n / 5 / Sites) % Rooms) + 1;
        var roomId = room.ToString("D3", CultureInfo.InvariantCulture);
        var faulty = random.Next(500) == 0;
        now = now.AddTicks(10);
        for (var k = 0; k < 5; k++)
        {
            batch[k] = new DeviceView($"r{roomId}-{kinds[k].ToWire()}", kinds[k], roomId, faulty && k != 2 ? DeviceState.Fault : DeviceState.Ok,
                now, now, Data(kinds[k], faulty), null);
        }

        site.OnDevices(batch, now);
        done += 5;
        if (done % (perTick * Sites) == 0)
        {
            foreach (var s in rules)
            {
                s.Tick(now);
                ticks++;
            }
        }
    }
}

Run(200_000); // warm-up
var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
var wall = Stopwatch.StartNew();
done = 0;
ticks = 0;
Run(updates);
wall.Stop();
process.Refresh();
var cpu = process.TotalProcessorTime - cpuBefore;
var alarms = rules.Sum(r => r.Book.List(includeClosed: true).Count);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine($"{done} device updates through the rules of {Sites} sites × {Rooms} rooms, {ticks} ticks, {alarms} alarms raised: " +
    $"CPU {cpu.TotalMilliseconds:0} ms = {cpu.TotalMilliseconds * 1000 / done:0.00} µs per update (wall {wall.ElapsedMilliseconds} ms)");
return 0;
