namespace CommandCenter.Server.Components.Video;

/// <summary>The video wall's words, zh-CN first and English beside, chosen like <see cref="UiText"/>.</summary>
public static class VideoWords
{
    private static readonly WordTable Words = new(new(StringComparer.Ordinal)
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
        ["player_connecting"] = ("连接中", "Connecting"),
        ["player_lost"] = ("信号中断，重试中", "Stream lost, retrying"),
        ["player_refused"] = ("无法播放，重试中", "Cannot play, retrying"),
        ["player_idle"] = ("未播放", "Stopped"),
        ["playback"] = ("录像回放", "Playback"),
        ["region"] = ("地区", "Region"),
        ["all_regions"] = ("全部地区", "All regions"),
        ["tap_tile"] = ("已选 {0}：点击一个画面格放入", "{0} selected: tap a tile to put it there"),
        ["add_to_wall"] = ("放入下一个空闲画面", "Put on the next free tile"),
        ["monitor_full"] = ("本屏已有 {0} 路画面，已达上限", "this screen already shows {0} feeds, the most allowed"),
        ["tour_running"] = ("{0} 路 · 每页 {1} 秒", "{0} cameras · {1} s per page"),
        ["read_only"] = ("只读：无权更改视频墙", "Read only: you may not change the wall"),
        ["dwell"] = ("每页停留（秒）", "Seconds per page"),
        ["tour_start"] = ("开始轮巡", "Start tour"),
        ["tour_update"] = ("更新轮巡", "Update tour"),
        ["tour_stop"] = ("停止轮巡", "Stop tour"),
        ["tour_invalid"] = ("至少选择一路摄像头，停留 {0}–{1} 秒", "Choose at least one camera and {0}-{1} seconds"),
        ["camera_alarms"] = ("摄像头告警", "Camera alarms"),
        ["no_camera_alarms"] = ("没有未关闭的摄像头告警", "No open camera alarms"),
        ["pin_here"] = ("置顶到本屏", "Pin here"),
        ["unpin"] = ("取消置顶", "Unpin"),
        ["send_to_wall"] = ("送上视频墙", "Send to the wall"),
        ["sent_to"] = ("已放入 {0} 第 {1} 格", "On {0}, tile {1}"),
        ["open_on_wall"] = ("在视频墙打开", "Open on the wall"),
    });

    public static string W(string key) => Words[key];

    public static string W(string key, params object[] args) => Words.Format(key, args);

    public static IEnumerable<string> Keys => Words.Keys;
}
