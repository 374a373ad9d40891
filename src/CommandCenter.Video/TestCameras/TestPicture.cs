using System.Globalization;

namespace CommandCenter.Video.TestCameras;

/// <summary>
/// ffmpeg filter graphs for test cameras. A moving picture carries the wall clock twice: as text
/// (for people) and as a row of 42 black/white blocks, 8 px each, bit k = bit k of the Unix time in
/// milliseconds when the frame was made (for the latency benchmark, read back from a canvas).
/// </summary>
public static class TestPicture
{
    public const int Width = 640;
    public const int Height = 360;
    public const int Fps = 25;
    public const int ClockBits = 42;
    public const int BitWidth = 8;
    public const int BarHeight = 16;

    public const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

    /// <summary>testsrc2 with the clock burned in; <paramref name="label"/> is shown under the clock.</summary>
    public static string Moving(string label) =>
        $"testsrc2=size={Width}x{Height}:rate={Fps}," +
        // pts := wall clock in seconds, so that T in geq and pts in drawtext are the time of making the frame.
        "setpts=RTCTIME/(TB*1000000),format=yuv420p,split[pic][bar];" +
        $"[bar]crop={ClockBits * BitWidth}:{BarHeight}:0:0," +
        $"geq=lum='255*mod(floor(T*1000/pow(2\\,floor(X/{BitWidth})))\\,2)':cb=128:cr=128[code];" +
        $"[pic][code]overlay=0:0{Text(label, withClock: true)},setpts=N/({Fps}*TB)";

    /// <summary>A still picture: frozen by construction.</summary>
    public static string Frozen(string label) =>
        $"color=c=0x335577:size={Width}x{Height}:rate={Fps},format=yuv420p{Text(label + " (frozen)", withClock: false)}";

    /// <summary>Whether the font drawtext needs is installed (fonts-dejavu-core).</summary>
    public static bool FontExists => File.Exists(Font);

    private static string Text(string label, bool withClock)
    {
        var safe = new string(label.Where(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')').ToArray());
        var clock = withClock
            ? $",drawtext=fontfile={Font}:text='%{{pts\\:gmtime\\:0\\:%H\\\\\\:%M\\\\\\:%S}}':x=8:y={BarHeight + 8}:fontsize=28:fontcolor=white:box=1:boxcolor=black"
            : "";
        return clock + string.Create(CultureInfo.InvariantCulture,
            $",drawtext=fontfile={Font}:text='{safe}':x=8:y={BarHeight + 44}:fontsize=20:fontcolor=white:box=1:boxcolor=black");
    }
}
