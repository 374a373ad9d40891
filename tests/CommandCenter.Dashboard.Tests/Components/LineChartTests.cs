using System.Globalization;
using System.Text.Json;
using Bunit;
using CommandCenter.Server.Components.History;

namespace CommandCenter.Dashboard.Tests.Components;

/// <summary>Our SVG line chart: where points land, which ticks it picks, and what it shows without data.</summary>
public sealed class LineChartTests : BunitContext
{
    private static readonly DateTimeOffset From = new(2026, 6, 7, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddHours(1);

    public LineChartTests()
    {
        CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    [Fact]
    public void points_map_onto_the_plot_area_with_time_left_to_right_and_values_bottom_to_top()
    {
        var chart = Render<LineChart>(p => p
            .Add(x => x.Key, "availability").Add(x => x.Title, "设备在线率").Add(x => x.Unit, "%")
            .Add(x => x.From, From).Add(x => x.To, To).Add(x => x.Floor, 0).Add(x => x.Ceiling, 100)
            .Add(x => x.Series, [new ChartSeries("ok", "cc-line-1", [new(From, 0), new(From.AddMinutes(30), 50), new(To, 100)])]));

        var points = chart.Find("polyline[data-series='0']").GetAttribute("points")!.Split(' ')
            .Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var plotBottom = ChartScale.Height - ChartScale.Bottom;
        var plotRight = ChartScale.Width - ChartScale.Right;
        Assert.Equal([ChartScale.Left, plotBottom], points[0]);
        Assert.Equal([(ChartScale.Left + plotRight) / 2, (ChartScale.Top + plotBottom) / 2], points[1]);
        Assert.Equal([plotRight, ChartScale.Top], points[2]);
        Assert.Equal(["0", "50", "100"], chart.FindAll("[data-y-tick]").Select(t => t.GetAttribute("data-y-tick")));
        Assert.Equal("false", chart.Find("figure").GetAttribute("data-empty"));
        Assert.Empty(chart.FindAll("[data-zero]"));
    }

    [Fact]
    public void negative_clock_offsets_widen_the_axis_to_round_ticks_and_draw_the_zero_line()
    {
        var scale = ChartScale.For(From, To, [new ChartSeries("mean", "cc-line-1", [new(From, -230), new(To, 1180)])]);
        Assert.Equal(-500, scale.Min);
        Assert.Equal(1500, scale.Max);
        Assert.Equal([-500d, 0, 500, 1000, 1500], scale.YTicks);
        Assert.Equal(ChartScale.Height - ChartScale.Bottom, scale.Y(-500));
        Assert.Equal(ChartScale.Top, scale.Y(1500));

        var chart = Render<LineChart>(p => p
            .Add(x => x.Key, "clock").Add(x => x.Title, "时钟偏差").Add(x => x.From, From).Add(x => x.To, To)
            .Add(x => x.Series, [new ChartSeries("mean", "cc-line-1", [new(From, -230), new(To, 1180)])]));
        Assert.Single(chart.FindAll("[data-zero]"));
        Assert.Equal(scale.Y(0).ToString("0.##", CultureInfo.InvariantCulture), chart.Find("[data-zero]").GetAttribute("y1"));
    }

    [Fact]
    public void time_ticks_fall_on_whole_steps_and_are_shown_in_the_dashboard_zone()
    {
        var from = From.AddMinutes(7);
        var scale = ChartScale.For(from, from.AddHours(6), []);
        Assert.All(scale.XTicks, t => Assert.Equal(0, t.UtcTicks % TimeSpan.FromHours(1).Ticks));
        Assert.Equal(6, scale.XTicks.Count);

        var beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var chart = Render<LineChart>(p => p
            .Add(x => x.Key, "c").Add(x => x.Title, "t").Add(x => x.From, From).Add(x => x.To, To).Add(x => x.Zone, beijing)
            .Add(x => x.Series, [new ChartSeries("s", "cc-line-1", [new(From, 1)])]));
        Assert.Equal("08:00", chart.FindAll("[data-x-tick]")[0].TextContent);
        Assert.Single(chart.FindAll("circle[data-series='0']"));
    }

    [Fact]
    public void without_data_the_chart_says_so_instead_of_drawing_axes()
    {
        var chart = Render<LineChart>(p => p
            .Add(x => x.Key, "checkin").Add(x => x.Title, "考生签到曲线").Add(x => x.From, From).Add(x => x.To, To)
            .Add(x => x.Series, [new ChartSeries("a", "cc-line-1", []), new ChartSeries("b", "cc-line-2", [])]));
        Assert.Equal("true", chart.Find("figure").GetAttribute("data-empty"));
        Assert.Contains("该时段无数据", chart.Find(".cc-chart-empty").TextContent);
        Assert.Empty(chart.FindAll("svg"));

        var scale = ChartScale.For(From, From, []);
        Assert.True(scale.To > scale.From);
        Assert.Equal([0d, 1], [scale.Min, scale.Max]);
    }

    [Fact]
    public void history_rows_become_availability_percentages_and_skip_missing_fields()
    {
        static Dictionary<string, object?> Row(DateTimeOffset at, string json) =>
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)
                .Append(new KeyValuePair<string, object?>("time", at)).ToDictionary();
        var rows = new[]
        {
            Row(From, """{"devices_ok":3,"devices_fault":1,"devices_offline":0,"devices_unknown":0,"clock_offset_mean_ms":null}"""),
            Row(From.AddMinutes(1), """{"devices_ok":0,"devices_fault":0,"devices_offline":0,"devices_unknown":0,"clock_offset_mean_ms":-40.5}"""),
        };

        Assert.Equal([new ChartPoint(From, 75)], HistoryRows.Availability(rows));
        Assert.Equal([new ChartPoint(From.AddMinutes(1), -40.5)], HistoryRows.Field(rows, "clock_offset_mean_ms"));
    }

    [Theory]
    [InlineData(0.3, 0.5)]
    [InlineData(1, 1)]
    [InlineData(1.2, 2)]
    [InlineData(37, 50)]
    [InlineData(120, 200)]
    [InlineData(0, 1)]
    public void steps_are_one_two_or_five_times_a_power_of_ten(double rough, double step) =>
        Assert.Equal(step, ChartScale.NiceStep(rough), 9);
}
