namespace CommandCenter.Server.Components.Video;

/// <summary>The video wall's words, zh-CN first and English beside, chosen like <see cref="UiText"/>.</summary>
public static class VideoWords
{
    private static readonly Dictionary<string, (string Zh, string En)> Words = new(StringComparer.Ordinal)
    {
        ["video_wall"] = ("视频墙", "Video wall"),
        ["monitor"] = ("监视器", "Monitor"),
        ["cameras"] = ("摄像头", "Cameras"),
        ["filter_site"] = ("按考点筛选", "Filter by site"),
        ["no_cameras"] = ("没有可见的摄像头", "No cameras in your scope"),
        ["drop_here"] = ("拖入摄像头", "Drop a camera here"),
        ["locked_tile"] = ("超出上限", "Beyond the limit"),
        ["clear"] = ("移除", "Remove"),
        ["focus"] = ("放大", "Focus"),
        ["unfocus"] = ("还原", "Back to the wall"),
        ["limit"] = ("每屏最多 {0} 路", "At most {0} feeds per screen"),
        ["tour"] = ("轮巡", "Tour"),
        ["tour_page"] = ("第 {0}/{1} 页", "page {0} of {1}"),
        ["pinned"] = ("告警置顶", "Pinned by alarm"),
        ["assigned"] = ("手动", "Assigned"),
        ["cam_ok"] = ("正常", "OK"),
        ["cam_offline"] = ("离线", "Offline"),
        ["cam_frozen"] = ("画面冻结", "Frozen"),
        ["cam_stalled"] = ("卡顿", "Stalled"),
        ["cam_low_fps"] = ("帧率低", "Low fps"),
        ["cam_unknown"] = ("未检测", "Not probed"),
        ["refused"] = ("未分配：{0}", "Not assigned: {0}"),
        ["playback"] = ("录像回放", "Playback"),
    };

    public static string W(string key) => Words.TryGetValue(key, out var w) ? (UiText.IsEnglish ? w.En : w.Zh) : key;

    public static string W(string key, params object[] args) => string.Format(System.Globalization.CultureInfo.CurrentCulture, W(key), args);

    public static IEnumerable<string> Keys => Words.Keys;
}
