using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Hosting;
using CommandCenter.Server.Ingest;

namespace CommandCenter.Server.Tests;

public sealed class IngestUnitTests
{
    [Fact]
    public void the_msg_id_window_forgets_the_oldest_first()
    {
        var window = new MsgIdWindow(3);
        Assert.True(window.Add("a"));
        Assert.False(window.Add("a"));
        Assert.True(window.Add("b"));
        Assert.True(window.Add("c"));
        Assert.True(window.Add("d")); // "a" leaves the window
        Assert.True(window.Add("a"));
        Assert.False(window.Add("c"));
    }

    [Fact]
    public void a_site_over_its_rate_is_limited_and_refills_with_time()
    {
        var time = new SteppedTime();
        var limiter = new SiteRateLimiter(perSecond: 10, burst: 5, time);
        Assert.Equal(5, Enumerable.Range(0, 20).Count(_ => limiter.TryTake("43010201")));
        Assert.True(limiter.TryTake("43010202"), "another site has its own bucket");

        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(3, Enumerable.Range(0, 20).Count(_ => limiter.TryTake("43010201")));
    }

    [Theory]
    [InlineData(999, true, DeviceState.Ok)]
    [InlineData(-1001, true, DeviceState.Fault)]
    [InlineData(0, false, DeviceState.Fault)]
    public void clock_health_follows_offset_and_sync(long offset, bool synced, DeviceState expected) =>
        Assert.Equal(expected, Mapper.HealthOf(new ClockStatus { OffsetMs = offset, Synced = synced, Source = "bds" }));

    [Fact]
    public void device_health_per_kind()
    {
        Assert.Equal(DeviceState.Fault, Mapper.HealthOf(new JammerStatus { On = true, Fault = "antenna" }));
        Assert.Equal(DeviceState.Ok, Mapper.HealthOf(new JammerStatus { On = false }));
        Assert.Equal(DeviceState.Fault, Mapper.HealthOf(new MetalDetectorStatus { Ready = true, BatteryPct = 19 }));
        Assert.Equal(DeviceState.Ok, Mapper.HealthOf(new MetalDetectorStatus { Ready = true, BatteryPct = 20 }));
        Assert.Equal(DeviceState.Fault, Mapper.HealthOf(new CameraStatus { Online = true, Recording = false }));
        Assert.Equal(DeviceState.Fault, Mapper.HealthOf(new IdReaderStatus { Ready = false }));
        Assert.Equal(DeviceState.Ok, Mapper.HealthOf(new VaultDoorStatus { Closed = false, Locked = false }));
    }

    [Fact]
    public void fault_events_imply_a_fault_and_others_imply_nothing()
    {
        Assert.Equal(DeviceState.Fault, DeviceUpdateMapper.StateImpliedBy(DeviceKind.Camera, "frozen"));
        Assert.Equal(DeviceState.Fault, DeviceUpdateMapper.StateImpliedBy(DeviceKind.Clock, "stopped"));
        Assert.Null(DeviceUpdateMapper.StateImpliedBy(DeviceKind.IdReader, "verify"));
        Assert.Null(DeviceUpdateMapper.StateImpliedBy(DeviceKind.VaultDoor, "opened"));
    }

    [Fact]
    public void the_shared_subscription_is_used_only_with_an_external_broker()
    {
        Assert.Equal("cc/v1/site/+/#", new MqttOptions { Mode = MqttMode.Embedded }.SubscriptionFilter(EdgeTopics.AllSites));
        Assert.Equal("$share/cc-ingest/cc/v1/site/+/#", new MqttOptions { Mode = MqttMode.External }.SubscriptionFilter(EdgeTopics.AllSites));
        Assert.Equal("cc/v1/site/+/#", new MqttOptions { Mode = MqttMode.External, SharedGroup = "" }.SubscriptionFilter(EdgeTopics.AllSites));
    }

    private static DeviceUpdateMapper Mapper => new(new IngestOptions());

    private sealed class SteppedTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
