using CommandCenter.Simulator.Agents;
using CommandCenter.Simulator.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Simulator;

/// <summary>
/// Runs every site agent of a model against one broker. A single scheduler loop, not a timer per
/// site, spreads the work: each room's status batch has its own phase within
/// <see cref="SimulationOptions.StatusInterval"/>, identity checks go to random rooms at the
/// province-wide rate, and faults and dropouts arrive as Poisson processes. All draws are seeded.
/// </summary>
public sealed class ProvinceSimulation
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan FaultMin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FaultMax = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan DropoutMin = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan DropoutMax = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Never = TimeSpan.FromDays(365);
    private static readonly FaultKind[] DeviceFaults = [FaultKind.JammerFault, FaultKind.ClockDrift, FaultKind.CameraOffline];

    private readonly SimulationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SiteAgentSimulator[] _agents;
    private readonly Dictionary<string, SiteAgentSimulator> _bySite;
    private readonly StatusSlot[] _statusSlots;
    private readonly StatusSlot[] _rooms;
    private readonly Random _manualRandom;
    private int _started;

    public ProvinceSimulation(ProvinceModel model, SimulationOptions options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("invalid simulation options: " + string.Join("; ", problems), nameof(options));
        }

        Model = model;
        _options = options;
        _time = time ?? TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<ProvinceSimulation>();
        var agentLogger = loggerFactory.CreateLogger<SiteAgentSimulator>();
        _agents = model.Sites.Select(s => new SiteAgentSimulator(s, options, _time, agentLogger, Counters)).ToArray();
        foreach (var agent in _agents)
        {
            agent.FaultInjected += OnFaultInjected;
        }

        _bySite = _agents.ToDictionary(a => a.SiteId, StringComparer.Ordinal);
        _statusSlots = InterleavedStatusSlots(model);
        _rooms = _agents.SelectMany((a, i) => Enumerable.Range(0, a.Site.Rooms.Count).Select(r => new StatusSlot(i, r))).ToArray();
        _manualRandom = SeededRandom.For(options.Seed, "manual-faults");
    }

    /// <summary>Raised when a fault takes effect, on the thread of its site agent; handlers must be thread-safe and quick.</summary>
    public event Action<SimulationFault>? FaultInjected;

    public ProvinceModel Model { get; }

    public IReadOnlyList<SiteAgentSimulator> Agents => _agents;

    public SimulationCounters Counters { get; } = new();

    public long Published => Counters.Published;

    public long DeviceUpdatesPublished => Counters.DeviceUpdatesPublished;

    public long EventsPublished => Counters.EventsPublished;

    public long FaultsInjected => Counters.FaultsInjected;

    public int OnlineAgents => _agents.Count(a => a.IsOnline);

    /// <summary>Connects every agent (spread over <see cref="SimulationOptions.StartupSpread"/>) and drives them until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("the simulation is already running");
        }

        if (_options.Mode == SimulationMode.Off || _agents.Length == 0)
        {
            return;
        }

        _logger.LogDebug("Simulating {Sites} sites, {Rooms} rooms, {Devices} devices against {Host}:{Port}",
            _agents.Length, Model.RoomCount, Model.DeviceCount, _options.BrokerHost, _options.BrokerPort);
        // Agents stop with the caller, or with the scheduler should it ever fail.
        using var agentsStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var agentTasks = new Task[_agents.Length];
        for (var i = 0; i < _agents.Length; i++)
        {
            var delay = _options.StartupSpread * i / _agents.Length;
            agentTasks[i] = _agents[i].RunAsync(delay, agentsStop.Token);
        }

        try
        {
            await ScheduleAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await agentsStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(agentTasks).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Injects a fault now. A device fault without <paramref name="room"/> hits a random room of the site.
    /// Returns the fault as planned; <see cref="FaultInjected"/> follows when it takes effect.
    /// </summary>
    public SimulationFault InjectFault(string siteId, FaultKind kind, string? room = null)
    {
        if (!_bySite.TryGetValue(siteId, out var agent))
        {
            throw new ArgumentException($"no simulated site {siteId}", nameof(siteId));
        }

        SimulationFault fault;
        lock (_manualRandom)
        {
            fault = PlanFault(agent, kind, room, _manualRandom);
        }

        agent.InjectFault(fault);
        return fault;
    }

    /// <summary>
    /// Publishes a single-item batch: the room clock with <c>offsetMs</c> = <paramref name="value"/>.
    /// Returns the time just before the publish, for publish-to-dashboard latency.
    /// </summary>
    public Task<DateTimeOffset> PublishProbeAsync(string siteId, string room, int value, CancellationToken cancellationToken)
    {
        if (!_bySite.TryGetValue(siteId, out var agent))
        {
            throw new ArgumentException($"no simulated site {siteId}", nameof(siteId));
        }

        return agent.PublishProbeAsync(room, value, cancellationToken);
    }

    /// <summary>Room-major order (room 1 of every site, then room 2, …) so each site's batches are spread over the interval too.</summary>
    internal static StatusSlot[] InterleavedStatusSlots(ProvinceModel model)
    {
        var slots = new List<StatusSlot>(model.RoomCount + model.Sites.Count);
        var rounds = model.Sites.Count == 0 ? 0 : model.Sites.Max(s => s.Rooms.Count) + 1;
        for (var round = 0; round < rounds; round++)
        {
            for (var agent = 0; agent < model.Sites.Count; agent++)
            {
                var rooms = model.Sites[agent].Rooms.Count;
                if (round < rooms)
                {
                    slots.Add(new StatusSlot(agent, round));
                }
                else if (round == rooms)
                {
                    slots.Add(new StatusSlot(agent, -1));
                }
            }
        }

        return slots.ToArray();
    }

    private SimulationFault PlanFault(SiteAgentSimulator agent, FaultKind kind, string? room, Random random)
    {
        if (kind == FaultKind.AgentDropout)
        {
            return new SimulationFault(agent.SiteId, kind, null, null, random.Between(DropoutMin, DropoutMax), _time.GetUtcNow());
        }

        var rooms = agent.Site.Rooms;
        var simRoom = room is null
            ? rooms[random.Next(rooms.Count)]
            : rooms.FirstOrDefault(r => r.Room == room) ?? throw new ArgumentException($"site {agent.SiteId} has no room '{room}'", nameof(room));
        var device = kind switch
        {
            FaultKind.JammerFault => simRoom.Jammer,
            FaultKind.ClockDrift => simRoom.Clock,
            FaultKind.CameraOffline => simRoom.Camera,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return new SimulationFault(agent.SiteId, kind, simRoom.Room, device.DeviceId, random.Between(FaultMin, FaultMax), _time.GetUtcNow());
    }

    /// <summary>Exponential gap of a Poisson process; a year stands for "never" so sums cannot overflow.</summary>
    private static TimeSpan NextArrival(Random random, double perSecond) =>
        perSecond <= 0
            ? Never
            : TimeSpan.FromSeconds(Math.Min(-Math.Log(1 - random.NextDouble()) / perSecond, Never.TotalSeconds));

    private void OnFaultInjected(SimulationFault fault)
    {
        Counters.CountFault();
        FaultInjected?.Invoke(fault);
    }

    private async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        var random = SeededRandom.For(_options.Seed, "scheduler");
        var statusPerSecond = _statusSlots.Length / _options.StatusInterval.TotalSeconds;
        var checksPerSecond = _options.EffectiveIdChecksPerSecond;
        var faultsPerSecond = _options.EffectiveFaultsPerMinute / 60;
        var dropoutsPerSecond = _options.AgentDropoutsPerHour / 3600;
        long statusesIssued = 0;
        long checksIssued = 0;
        var nextFault = NextArrival(random, faultsPerSecond);
        var nextDropout = NextArrival(random, dropoutsPerSecond);
        var start = _time.GetTimestamp();

        using var timer = new PeriodicTimer(Tick, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var elapsed = _time.GetElapsedTime(start);

            var statusesDue = (long)(elapsed.TotalSeconds * statusPerSecond);
            statusesIssued = Math.Max(statusesIssued, statusesDue - _statusSlots.Length); // after a stall, skip rather than burst
            for (; statusesIssued < statusesDue; statusesIssued++)
            {
                var slot = _statusSlots[statusesIssued % _statusSlots.Length];
                _ = slot.Room < 0 ? _agents[slot.Agent].RequestSiteStatus() : _agents[slot.Agent].RequestRoomStatus(slot.Room);
            }

            var checksDue = (long)(elapsed.TotalSeconds * checksPerSecond);
            checksIssued = Math.Max(checksIssued, checksDue - (long)Math.Max(1, checksPerSecond));
            for (; checksIssued < checksDue; checksIssued++)
            {
                var room = _rooms[random.Next(_rooms.Length)];
                _agents[room.Agent].RequestVerification(room.Room);
            }

            while (elapsed >= nextFault)
            {
                var agent = _agents[random.Next(_agents.Length)];
                agent.InjectFault(PlanFault(agent, DeviceFaults[random.Next(DeviceFaults.Length)], null, random));
                nextFault += NextArrival(random, faultsPerSecond);
            }

            while (elapsed >= nextDropout)
            {
                var agent = _agents[random.Next(_agents.Length)];
                agent.InjectFault(PlanFault(agent, FaultKind.AgentDropout, null, random));
                nextDropout += NextArrival(random, dropoutsPerSecond);
            }
        }
    }
}
