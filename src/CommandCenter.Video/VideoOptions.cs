using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Video;

/// <summary>Section <c>Video</c>: where ffmpeg is, how often streams are probed, how many ffmpeg processes may run.</summary>
public sealed class VideoOptions
{
    public const string Section = "Video";

    /// <summary>Folder holding <c>ffmpeg</c> and <c>ffprobe</c>.</summary>
    [Required]
    public string FfmpegFolder { get; set; } = "/usr/bin";

    /// <summary>Time between two probes of one camera.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How much of the stream one probe decodes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ProbeWindow { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a probe waits for the stream to open or to send data before calling it offline.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Probes running at once (each is one ffmpeg decoding a stream).</summary>
    [Range(1, 64)]
    public int ProbeConcurrency { get; set; } = 2;

    /// <summary>An unchanged picture for this long is frozen.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan FrozenAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Below this frame rate a stream is reported as low fps.</summary>
    [Range(0.1, 120)]
    public double LowFps { get; set; } = 5;

    /// <summary>Live feeds (one ffmpeg each, shared by all viewers of a camera) this server runs at most.</summary>
    [Range(1, 256)]
    public int MaxLiveFeeds { get; set; } = 8;

    /// <summary>A live feed nobody watches is stopped after this long (a quick reconnect reuses it).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan LiveIdleStop { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a new live feed may take to deliver its first picture.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan LiveStartTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Height of the live sub-stream (the width follows the aspect ratio).</summary>
    [Range(120, 1080)]
    public int LiveHeight { get; set; } = 360;

    /// <summary>Frame rate of the live sub-stream.</summary>
    [Range(1, 30)]
    public int LiveFps { get; set; } = 15;

    /// <summary>Where recordings go, one folder per camera.</summary>
    [Required]
    public string RecordingRoot { get; set; } = "recordings";

    /// <summary>Length of one recorded segment.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SegmentLength { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Recordings older than this are deleted (the rules ask for at least half a year).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan RetentionAge { get; set; } = TimeSpan.FromDays(183);

    /// <summary>Disk the recordings may take; above it the oldest segments go first.</summary>
    [Range(1L, long.MaxValue)]
    public long RetentionBudgetBytes { get; set; } = 100L * 1024 * 1024 * 1024;

    /// <summary>Recorders (one ffmpeg each) this server runs at most.</summary>
    [Range(0, 1024)]
    public int MaxRecorders { get; set; } = 16;

    /// <summary>How often recorders are reconciled with the cameras marked for recording and retention runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RecordingSweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Test cameras (lavfi pictures with the clock burned in) the server starts for trying things out; 0 in production.</summary>
    [Range(0, 16)]
    public int TestCameras { get; set; }

    public string Ffmpeg => Path.Combine(FfmpegFolder, "ffmpeg");
}
