using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Abstractions.Video;
using CommandCenter.Grains.Alarms.Rules;

namespace CommandCenter.Grains.Alarms;

/// <summary>
/// Runs a site's rules: device conditions on every device change and every tick, events as they come,
/// site conditions and the book's sweep on every tick. Plain C#, so a test drives it without a silo.
/// </summary>
internal sealed class SiteRules(string siteId, string idPrefix, bool enabled = true)
{
    private static readonly IDeviceRule[] DeviceRules = [new DeviceOfflineRule(), new JammerRule(), new ClockRule(), new CameraRule()];
    private static readonly IEventRule[] EventRules = [new IdentityRule(), new MetalDetectorRule(), new VaultDoorRule()];
    private static readonly ISiteRule[] WholeSiteRules = [new AgentOfflineRule(), new RoomNotReadyRule(), new ZeroReportRule(), new VaultCameraRule()];

    private readonly List<CauseHit> _hits = [];
    private ExamTimeline _timeline = ExamTimeline.Empty;

    public SiteFacts Facts { get; } = new();

    public AlarmBook Book { get; } = new(siteId, idPrefix);

    public SitePlan? Plan { get; private set; }

    public ExamTimeline Timeline => _timeline;

    public RuleContext Context(DateTimeOffset now) => new(now, Plan, _timeline);

    /// <summary>What the site stores of its rules: the alarm book and the zero-reports received.</summary>
    public AlarmBookState Snapshot()
    {
        var state = Book.Snapshot();
        state.ZeroReports = [.. Facts.ZeroReports];
        return state;
    }

    public void Restore(AlarmBookState state)
    {
        Book.Restore(state);
        Facts.ZeroReports.UnionWith(state.ZeroReports);
    }

    public void ApplyPlan(SitePlan? plan, DateTimeOffset now)
    {
        Plan = plan;
        _timeline = plan is null ? ExamTimeline.Empty : new ExamTimeline(plan.Sessions, plan.Thresholds);
        if (plan?.Site is not null && !Facts.Online)
        {
            Facts.OfflineSince ??= now;
        }

        Tick(now);
    }

    public void OnPresence(bool online, DateTimeOffset now)
    {
        if (online)
        {
            Facts.OfflineSince = null;
        }
        else if (Facts.Online || Facts.OfflineSince is null)
        {
            Facts.OfflineSince = now;
        }

        Facts.Online = online;
        if (!enabled)
        {
            return;
        }

        Book.SetConditions("site/" + nameof(AgentOfflineRule), CheckSite(new AgentOfflineRule(), Context(now)), now);
    }

    public void OnReport(SiteReport report)
    {
        if (report.Type == "zero" && report.Session is { } session)
        {
            Facts.ZeroReports.Add(session);
        }
    }

    public void OnDevices(IReadOnlyList<DeviceView> changed, DateTimeOffset now)
    {
        if (changed.Count == 0 || !enabled)
        {
            return;
        }

        var context = Context(now);
        foreach (var view in changed)
        {
            var facts = DeviceFacts.From(view);
            Facts.Devices[view.Id] = facts;
            CheckDevice(facts, context);
        }
    }

    /// <summary>The center's verdict on one camera: checked in the camera's own scope, together with what its edge says.</summary>
    public void OnCameraConditions(CameraConditions conditions, DateTimeOffset now)
    {
        if (conditions.Any)
        {
            Facts.CenterCameras[conditions.DeviceId] = conditions;
        }
        else if (!Facts.CenterCameras.Remove(conditions.DeviceId))
        {
            return;
        }

        var context = Context(now);
        if (Facts.Devices.TryGetValue(conditions.DeviceId, out var device))
        {
            CheckDevice(device, context);
        }
        else
        {
            CheckCenterOnly(conditions.DeviceId, context);
        }
    }

    public void OnEvents(IReadOnlyList<EventView> events, DateTimeOffset now)
    {
        if (events.Count == 0 || !enabled)
        {
            return;
        }

        var context = Context(now);
        foreach (var ev in events)
        {
            _hits.Clear();
            foreach (var rule in EventRules)
            {
                rule.Check(ev, context, _hits);
            }

            foreach (var hit in _hits)
            {
                Book.Raise(hit, now);
            }
        }
    }

    public void Tick(DateTimeOffset now)
    {
        if (!enabled)
        {
            Book.Sweep(now, Context(now).Thresholds);
            return;
        }

        var context = Context(now);
        foreach (var device in Facts.Devices.Values)
        {
            CheckDevice(device, context);
        }

        foreach (var id in Facts.CenterCameras.Keys.Where(id => !Facts.Devices.ContainsKey(id)).ToList())
        {
            CheckCenterOnly(id, context);
        }

        foreach (var rule in WholeSiteRules)
        {
            Book.SetConditions("site/" + rule.GetType().Name, CheckSite(rule, context), now);
        }

        Book.Sweep(now, context.Thresholds);
    }

    private void CheckDevice(DeviceFacts device, RuleContext context)
    {
        _hits.Clear();
        foreach (var rule in DeviceRules)
        {
            rule.Check(device, Facts, context, _hits);
        }

        if (Facts.CenterCameras.TryGetValue(device.Id, out var center))
        {
            CenterCameraRule.Check(center, context, _hits);
        }

        Book.SetConditions(device.Id, _hits, context.Now);
    }

    // A camera the center watches that its edge never reported (a planned camera, a test camera).
    private void CheckCenterOnly(string deviceId, RuleContext context)
    {
        _hits.Clear();
        if (Facts.CenterCameras.TryGetValue(deviceId, out var center))
        {
            CenterCameraRule.Check(center, context, _hits);
        }

        Book.SetConditions(deviceId, _hits, context.Now);
    }

    private List<CauseHit> CheckSite(ISiteRule rule, RuleContext context)
    {
        var hits = new List<CauseHit>();
        rule.Check(Facts, context, hits);
        return hits;
    }
}
