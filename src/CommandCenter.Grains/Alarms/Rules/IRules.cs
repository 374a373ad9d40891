using CommandCenter.Abstractions;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>A condition of one device: the causes that hold now (re-checked on every change and on every tick).</summary>
internal interface IDeviceRule
{
    void Check(DeviceFacts device, SiteFacts site, RuleContext context, List<CauseHit> hits);
}

/// <summary>Something that happened: each matching event raises (or counts on) an alarm that only a person closes.</summary>
internal interface IEventRule
{
    void Check(EventView ev, RuleContext context, List<CauseHit> hits);
}

/// <summary>A condition of the whole site, checked on every tick.</summary>
internal interface ISiteRule
{
    void Check(SiteFacts site, RuleContext context, List<CauseHit> hits);
}
