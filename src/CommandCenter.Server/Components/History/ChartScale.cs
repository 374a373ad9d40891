namespace CommandCenter.Server.Components.History;

public readonly record struct ChartPoint(DateTimeOffset At, double Value);

/// <summary>One line of a chart; <paramref name="Css"/> picks its colour (cc-line-1 … cc-line-4).</summary>
public sealed record ChartSeries(string Name, string Css, IReadOnlyList<ChartPoint> Points);

/// <summary>
/// Maps times and values onto the chart's fixed SVG canvas (the SVG scales as a whole, so text stays
/// readable at every screen size) and picks round ticks: values on 1-2-5 steps, times on whole minutes/hours.
/// </summary>
public sealed class ChartScale
{
    public const double Width = 800;
    public const double Height = 240;
    public const double Left = 64;
    public const double Right = 16;
    public const double Top = 12;
    public const double Bottom = 30;

    private static readonly TimeSpan[] TimeSteps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3),
        TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(7),
    ];

    private ChartScale(DateTimeOffset from, DateTimeOffset to, double min, double max, double step, TimeSpan timeStep)
    {
        From = from;
        To = to;
        Min = min;
        Max = max;
        YTicks = [.. Enumerable.Range(0, (int)Math.Round((max - min) / step) + 1).Select(i => min + (i * step))];
        var first = new DateTimeOffset(from.UtcTicks + ((timeStep.Ticks - (from.UtcTicks % timeStep.Ticks)) % timeStep.Ticks), TimeSpan.Zero);
        var ticks = new List<DateTimeOffset>();
        for (var t = first; t <= to; t += timeStep)
        {
            ticks.Add(t);
        }

        XTicks = ticks;
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    /// <summary>The value range drawn, widened to whole ticks.</summary>
    public double Min { get; }

    public double Max { get; }

    public IReadOnlyList<double> YTicks { get; }

    public IReadOnlyList<DateTimeOffset> XTicks { get; }

    /// <summary>
    /// A scale for the window [from, to] holding every point; <paramref name="floor"/>/<paramref name="ceiling"/>
    /// pin an end (availability is 0–100 %), and a range holding negative and positive values keeps 0 inside.
    /// </summary>
    public static ChartScale For(DateTimeOffset from, DateTimeOffset to, IEnumerable<ChartSeries> series, double? floor = null, double? ceiling = null)
    {
        if (to <= from)
        {
            to = from.AddMinutes(1);
        }

        var values = series.SelectMany(s => s.Points).Select(p => p.Value).Where(double.IsFinite).ToList();
        var low = floor ?? (values.Count > 0 ? Math.Min(0, values.Min()) : 0);
        var high = ceiling ?? (values.Count > 0 ? Math.Max(values.Max(), low) : 1);
        if (high - low < 1e-9)
        {
            high = low + 1;
        }

        var step = NiceStep((high - low) / 4);
        var min = floor ?? Math.Floor(low / step) * step;
        var max = ceiling ?? Math.Ceiling(high / step) * step;
        if (floor is not null || ceiling is not null)
        {
            step = NiceStep((max - min) / 4);
        }

        var span = to - from;
        var timeStep = TimeSteps.FirstOrDefault(s => span.Ticks / s.Ticks <= 6, TimeSteps[^1]);
        return new ChartScale(from, to, min, max, step, timeStep);
    }

    public double X(DateTimeOffset at) =>
        Left + ((Width - Left - Right) * Math.Clamp((at - From) / (To - From), 0, 1));

    public double Y(double value) =>
        Top + ((Height - Top - Bottom) * (1 - Math.Clamp((value - Min) / (Max - Min), 0, 1)));

    /// <summary>The smallest of 1, 2, 5 × 10ⁿ not below <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (rough <= 0 || !double.IsFinite(rough))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var unit = rough / magnitude;
        return magnitude * (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10);
    }
}
