using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Abstractions.Video;
using Orleans.Concurrency;

namespace CommandCenter.Abstractions;

/// <summary>Receives pushed changes; one per silo, relayed to that silo's SignalR clients.</summary>
public interface ISituationObserver : IGrainObserver
{
    [OneWay]
    Task OnSiteChanged(SiteChange change);

    [OneWay]
    Task OnRegionChanged(RegionChange change);
}

/// <summary>A grain that pushes its changes to subscribed observers (at most a few times a second).</summary>
public interface IObservableGrain
{
    /// <summary>Subscribes, or renews a subscription; renew within the expiry (see PushOptions).</summary>
    Task Subscribe(ISituationObserver observer);

    Task Unsubscribe(ISituationObserver observer);
}

/// <summary>Something that holds devices and reports a tally to its site: a room or the vault.</summary>
public interface IDeviceHolderGrain : IGrainWithStringKey
{
    Task<ApplyResult> Apply(IReadOnlyList<DeviceUpdate> updates);

    /// <summary>Adds devices the agent announced; existing devices keep their state.</summary>
    Task SetInventory(IReadOnlyList<InventoryItem> devices);

    Task<HolderView> GetView();

    /// <summary>Marks devices that missed too many status intervals offline (also run by a timer).</summary>
    Task SweepOffline();
}

/// <summary>An exam room (考场), key <c>{siteId}-{room}</c>.</summary>
public interface IRoomGrain : IDeviceHolderGrain;

/// <summary>A site's paper storage room (试卷保管室), key <c>{siteId}</c>; holds the vault door devices.</summary>
public interface IVaultGrain : IDeviceHolderGrain;

/// <summary>
/// An exam site (考点), key the 8-digit site id. Calls between grains only go upwards
/// (room → site → county → city → province): a site never calls its rooms, so two grains never
/// wait on each other. Whoever needs rooms (ingest, the API) calls them directly.
/// </summary>
public interface ISiteGrain : IGrainWithStringKey, IObservableGrain
{
    /// <summary>Presence; <paramref name="siteDevices"/> are the devices without room that the site holds itself.</summary>
    Task SetPresence(bool online, string? agentVersion, DateTimeOffset at, IReadOnlyList<InventoryItem> siteDevices);

    /// <summary>Site-level devices (no room, not the vault door), e.g. gate readers.</summary>
    Task<ApplyResult> Apply(IReadOnlyList<DeviceUpdate> updates);

    /// <summary>
    /// A room or the vault reports its tally and what changed. Awaited by the caller, so one
    /// holder's reports arrive in order (one-way messages may overtake each other).
    /// </summary>
    Task ReportHolder(string key, Tally tally, IReadOnlyList<DeviceView> changed, IReadOnlyList<EventView> events);

    Task<bool> RecordReport(SiteReport report);

    /// <summary>Null when the site has never sent anything. Rooms are listed with their tallies, not their devices.</summary>
    Task<SiteDetail?> GetDetail();

    Task SweepOffline();

    /// <summary>The site's part of the exam plan (sent after every import; also fetched when the site wakes).</summary>
    Task ApplyPlan(SitePlan plan);

    /// <summary>Runs the time-driven rules (phases, deadlines, silent devices, escalation); also run by a timer.</summary>
    Task EvaluateRules();

    /// <summary>The site's alarms, newest first; closed ones only when asked.</summary>
    Task<IReadOnlyList<AlarmView>> GetAlarms(bool includeClosed);

    Task<AlarmActionResult> Acknowledge(string alarmId, string by);

    Task<AlarmActionResult> Dispatch(string alarmId, string by, string inspector);

    Task<AlarmActionResult> Resolve(string alarmId, string by, string? note);

    /// <summary>
    /// An alarm found outside the site's own rules (a refused custody event, an unacknowledged paper switch):
    /// one unclosed alarm per <paramref name="key"/>, closed by a person.
    /// </summary>
    Task RaiseAlarm(string cause, string key, AlarmSeverity severity, string? room, string? detail);

    /// <summary>
    /// The center's watch of one of the site's cameras (its probe, its recorder), sent by the camera's grain on every
    /// verdict: conditions that hold raise alarms, conditions that went away clear them.
    /// </summary>
    Task ReportCameraConditions(CameraConditions conditions);
}

/// <summary>A province, city or county (GB/T 2260 code as key).</summary>
public interface IRegionGrain : IGrainWithStringKey, IObservableGrain
{
    /// <summary>A child (city, county or site) reports its current tally; awaited, so reports stay in order.</summary>
    Task ReportChild(string childCode, Tally tally);

    /// <summary>A site hands its county the notable events it saw (see <see cref="EventView.IsNotable"/>), for the command rooms' ticker.</summary>
    Task ReportEvents(IReadOnlyList<EventView> events);

    Task<RegionSnapshot> GetSnapshot();

    /// <summary>Alarms of a child site or region that changed; the region keeps the unclosed ones and the latest closed.</summary>
    Task ReportAlarms(IReadOnlyList<AlarmView> changed);

    /// <summary>Unclosed alarms in the region and the most recently closed ones (a site under storm shows its one storm alarm).</summary>
    Task<IReadOnlyList<AlarmView>> GetAlarms();
}
