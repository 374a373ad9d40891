using System.Globalization;
using Bunit;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Server.Components.Custody;
using CommandCenter.Server.Custody;

namespace CommandCenter.Dashboard.Tests.Components;

/// <summary>The custody overlays of the one map: a paper switch's progress and the bag layer's switch and legend.</summary>
public sealed class CustodyMapComponentTests : BunitContext
{
    private static readonly DateTimeOffset Ordered = DateTimeOffset.Parse("2026-06-07T01:05:30Z");

    public CustodyMapComponentTests() => Language("zh-CN");

    [Fact]
    public void A_switch_in_progress_shows_its_region_sets_time_acknowledged_count_and_names_the_overdue_site()
    {
        var panel = Render<SwitchProgressPanel>(p => p
            .Add(x => x.Switches, [Switch(SwitchSiteState.Acknowledged, SwitchSiteState.Overdue, SwitchSiteState.Pending)])
            .Add(x => x.RegionName, code => code == "430105" ? "开福区" : code)
            .Add(x => x.SiteName, id => "考点" + id[^2..])
            .Add(x => x.Zone, TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "CST", "CST")));

        var section = panel.Find("[data-switch=sw-1]");
        Assert.Equal("1", section.GetAttribute("data-overdue"));
        Assert.Contains("开福区", section.TextContent);
        Assert.Contains("A → B", section.TextContent);
        Assert.Contains("09:05:30", section.TextContent);
        Assert.Contains("已确认 1/3", panel.Find("[data-acked]").TextContent.Replace("\n", "").Replace("  ", ""));
        Assert.Contains("等待确认 1", panel.Find("[data-acked]").TextContent);
        var late = Assert.Single(panel.FindAll("li[data-state=overdue]"));
        Assert.Equal("43010502", late.GetAttribute("data-site"));
        Assert.Contains("超时未确认", late.TextContent);
        Assert.Contains("考点02", late.TextContent);
        Assert.Equal("1", panel.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void In_english_the_switch_panel_speaks_english_and_without_switches_nothing_shows()
    {
        Language("en");
        var panel = Render<SwitchProgressPanel>(p => p.Add(x => x.Switches, [Switch(SwitchSiteState.Refused, SwitchSiteState.Acknowledged, SwitchSiteState.Acknowledged)]));
        Assert.Contains("Paper switch in progress", panel.Markup);
        Assert.Contains("Refused", panel.Find("li[data-state=refused]").TextContent);

        var none = Render<SwitchProgressPanel>(p => p.Add(x => x.Switches, []));
        Assert.Empty(none.FindAll("[data-switch]"));
    }

    [Fact]
    public void The_bag_layer_switch_toggles_and_its_legend_totals_each_place()
    {
        var toggled = 0;
        var badges = new[]
        {
            new BagBadge("430100", "长沙市", 28.2, 112.9, Counts(vault: 3, transit: 2)),
            new BagBadge("430200", "株洲市", 27.8, 113.1, Counts(vault: 1, opened: 4)),
        };
        var off = Render<BagLayerLegend>(p => p.Add(x => x.On, false).Add(x => x.Badges, badges).Add(x => x.OnToggle, () => toggled++));
        Assert.Empty(off.FindAll(".cc-bag-legend"));
        Assert.Equal("false", off.Find("[data-layer-toggle=bags]").GetAttribute("aria-pressed"));
        off.Find("[data-layer-toggle=bags]").Click();
        Assert.Equal(1, toggled);

        var on = Render<BagLayerLegend>(p => p.Add(x => x.On, true).Add(x => x.Badges, badges));
        Assert.Equal("true", on.Find("[data-layer-toggle=bags]").GetAttribute("aria-pressed"));
        Assert.Contains("4", on.Find("li[data-bucket=vault] strong").TextContent);
        Assert.Contains("2", on.Find("li[data-bucket=transit] strong").TextContent);
        Assert.Contains("4", on.Find("li[data-bucket=opened] strong").TextContent);
        Assert.Contains("0", on.Find("li[data-bucket=returned] strong").TextContent);
        Assert.Contains("保密室", on.Markup);
    }

    private static Dictionary<string, int> Counts(int vault = 0, int transit = 0, int site = 0, int opened = 0, int returned = 0) => new()
    {
        [BagBuckets.Vault] = vault, [BagBuckets.Transit] = transit, [BagBuckets.Site] = site, [BagBuckets.Opened] = opened, [BagBuckets.Returned] = returned,
    };

    private static PaperSwitchView Switch(params SwitchSiteState[] states)
    {
        var sites = states.Select((s, i) => new SwitchSiteProgress($"4301050{i + 1}", $"sw-1.4301050{i + 1}", s, null, null, null, Ordered)).ToList();
        var order = new PaperSwitchOrder("sw-1", "430105", "s1", "语文", "A", "B", "kaifu-cmdr", Ordered, TimeSpan.FromSeconds(60), sites.Select(s => s.SiteId).ToList());
        return new PaperSwitchView(order, sites, states.Count(s => s == SwitchSiteState.Acknowledged), states.Count(s => s == SwitchSiteState.Pending),
            states.Count(s => s == SwitchSiteState.Overdue), states.Count(s => s == SwitchSiteState.Refused));
    }

    private static void Language(string culture)
    {
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
    }
}
