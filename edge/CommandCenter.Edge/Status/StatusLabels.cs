namespace CommandCenter.Edge.Status;

/// <summary>The status page's words: Chinese by default, English with <c>?lang=en</c>.</summary>
public sealed record StatusLabels(
    string Lang, string Site, string Agent, string Switch, string Other, string OtherHref,
    string CenterLink, string Broker, string State, string ConnectedSince, string NotConnected, string NextAttempt, string FailedAttempts,
    string LastPuback, string Published, string RefusedByBroker,
    string Queue, string KeptWaiting, string StatusWaiting, string OldestQueued, string Disk, string Of, string Dropped, string StatusBatches,
    string Events, string Quarantined, string None,
    string Clock, string AgentClock, string Against, string At, string NoReading, string Reference,
    string CameraProbes, string Camera, string Stream, string Fps, string Online, string Alerts, string Level, string What,
    string Devices, string Device, string Kind, string Room, string Via, string LastSeen, string Status, string LastEvent,
    string Refused, string Reason, string Detail, string Ordered)
{
    public static readonly StatusLabels Chinese = new(
        "zh-CN", "考点", "边缘代理", "启用备用卷", "English", "?lang=en",
        "与指挥中心的连接", "消息服务器", "状态", "已连接，自", "未连接", "下次重试", "失败次数",
        "最近确认 (PUBACK)", "已发送", "服务器拒收",
        "本地队列", "待发送事件、交接、报告、回执", "待发送状态批次", "最早入队", "磁盘", "／", "因磁盘预算丢弃", "个状态批次",
        "个事件", "隔离的文件", "无",
        "时钟", "本机时钟", "参照", "时间", "尚无读数", "参照源",
        "摄像头探测", "摄像头", "视频流", "帧率", "在线", "告警", "级别", "内容",
        "设备", "设备", "类型", "考场", "接入", "最近上报", "状态", "最近事件",
        "本地拒收的消息", "原因", "详情", "下令于");

    public static readonly StatusLabels English = new(
        "en", "Site", "edge agent", "switch to paper set", "中文", "?lang=zh",
        "Center link", "broker", "state", "connected since", "not connected", "next attempt", "failed attempts",
        "last PUBACK", "published", "refused by the broker",
        "Queue", "events, custody, reports, acks waiting", "status batches waiting", "oldest queued", "disk", "of", "dropped for the disk budget", "status batches",
        "events", "quarantined files", "none",
        "Clock", "agent", "against", "at", "no reading yet", "reference",
        "Camera probes", "camera", "stream", "fps", "online", "Alerts", "level", "what",
        "Devices", "device", "kind", "room", "via", "last seen", "status", "last event",
        "Refused messages", "reason", "detail", "ordered");

    public static StatusLabels For(string? lang) => lang is "en" ? English : Chinese;
}
