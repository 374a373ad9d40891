using System.Globalization;

namespace CommandCenter.Server.Components;

/// <summary>
/// The dashboard's words, zh-CN first and English beside each, chosen by the current UI culture
/// (cookie or <c>?lang=</c>). Numbers and dates go through the same culture (see <see cref="N"/>).
/// </summary>
public static class UiText
{
    private static readonly Dictionary<string, (string Zh, string En)> Words = new(StringComparer.Ordinal)
    {
        ["app_title"] = ("考试指挥中心", "Exam Command Center"),
        ["one_map"] = ("一张图", "One map"),
        ["province"] = ("全省", "Province"),
        ["sites_online"] = ("在线考点", "Sites online"),
        ["rooms_ready"] = ("就绪考场", "Rooms ready"),
        ["candidates_verified"] = ("考生核验", "Candidates verified"),
        ["expected_unknown"] = ("应到未导入", "expected: no plan"),
        ["devices"] = ("设备", "Devices"),
        ["dev_ok"] = ("正常", "OK"),
        ["dev_fault"] = ("故障", "Fault"),
        ["dev_offline"] = ("离线", "Offline"),
        ["dev_unknown"] = ("未上报", "Not reporting"),
        ["id_rejected"] = ("身份核验未通过", "ID checks failed"),
        ["site_states"] = ("考点状态", "Site states"),
        ["status_ok"] = ("正常", "OK"),
        ["status_warning"] = ("预警", "Warning"),
        ["status_alarm"] = ("告警", "Alarm"),
        ["status_offline"] = ("离线", "Offline"),
        ["events"] = ("实时动态", "Live events"),
        ["no_events"] = ("暂无动态", "No events yet"),
        ["server_time"] = ("标准时间", "Standard time"),
        ["browser_offset"] = ("本机时钟偏差", "This screen's clock"),
        ["connection_lost"] = ("连接中断，正在重连…", "Connection lost — reconnecting…"),
        ["reloading"] = ("服务已恢复，正在重新同步…", "Server back — re-syncing…"),
        ["not_found"] = ("未找到", "Not found"),
        ["region_not_found"] = ("本省没有代码为 {0} 的地区。", "No region with code {0} in this province."),
        ["site_not_found"] = ("考点 {0} 不存在或从未上报。", "Site {0} does not exist or has never reported."),
        ["out_of_scope"] = ("{0} 不在您的权限范围内。", "{0} is outside your scope."),
        ["page_not_found"] = ("没有这个页面。", "There is no such page."),
        ["back_to_map"] = ("返回全省地图", "Back to the province map"),
        ["rooms"] = ("考场", "Rooms"),
        ["room"] = ("考场", "Room"),
        ["vault"] = ("保密室", "Vault"),
        ["site_devices"] = ("考点设备", "Site devices"),
        ["jammer"] = ("屏蔽仪", "Jammer"),
        ["clock"] = ("电子钟", "Clock"),
        ["camera"] = ("摄像头", "Camera"),
        ["id_checks"] = ("身份核验", "ID checks"),
        ["metal_detector"] = ("金属探测", "Metal detector"),
        ["id_reader"] = ("身份识别仪", "ID reader"),
        ["vault_door"] = ("保密室门", "Vault door"),
        ["on"] = ("开启", "on"),
        ["off"] = ("关闭", "off"),
        ["ready"] = ("就绪", "ready"),
        ["not_ready"] = ("未就绪", "not ready"),
        ["recording"] = ("录像中", "recording"),
        ["not_recording"] = ("未录像", "not recording"),
        ["online"] = ("在线", "online"),
        ["offline"] = ("离线", "offline"),
        ["not_synced"] = ("未校时", "not synced"),
        ["none"] = ("无", "none"),
        ["agent"] = ("考点终端", "Site agent"),
        ["agent_online"] = ("终端在线", "Agent online"),
        ["agent_offline"] = ("终端离线", "Agent offline"),
        ["device"] = ("设备", "Device"),
        ["kind"] = ("类型", "Kind"),
        ["state"] = ("状态", "State"),
        ["last_seen"] = ("最后上报", "Last seen"),
        ["detail"] = ("详情", "Detail"),
        ["alarm_new"] = ("新告警", "New alarm"),
        ["dismiss"] = ("本地消除", "Dismiss here"),
        ["dismiss_all"] = ("全部消除", "Dismiss all"),
        ["sound_on"] = ("声音：开", "Sound: on"),
        ["sound_off"] = ("声音：关", "Sound: off"),
        ["wall_mode"] = ("大屏模式", "Wall mode"),
        ["desk_mode"] = ("桌面模式", "Desk mode"),
        ["tablet"] = ("平板", "Tablet"),
        ["my_sites"] = ("我的考点", "My sites"),
        ["no_sites"] = ("您的范围内暂无已上报的考点。", "No site in your scope has reported yet."),
        ["sign_out"] = ("退出", "Sign out"),
        ["language_other"] = ("English", "中文"),
        ["event_verify"] = ("身份核验", "ID check"),
        ["event_fault"] = ("故障", "Fault"),
        ["event_alarm"] = ("报警", "Alarm"),
        ["event_stopped"] = ("时钟停走", "Clock stopped"),
        ["event_opened"] = ("开门", "Door opened"),
        ["event_closed"] = ("关门", "Door closed"),
        ["event_tamper"] = ("遮挡/破坏", "Tampering"),
        ["event_frozen"] = ("画面冻结", "Frozen picture"),
        ["event_offline"] = ("掉线", "Went offline"),
        ["event_report_zero"] = ("零报告", "Zero report"),
        ["event_report_incident"] = ("事件报告", "Incident report"),
        ["result_mismatch"] = ("人证不符", "mismatch"),
        ["result_unregistered"] = ("未注册", "not registered"),
        ["result_unreadable"] = ("无法读取", "unreadable"),
        ["result_match"] = ("一致", "match"),
        ["loading"] = ("加载中…", "Loading…"),
        ["sites"] = ("考点", "Sites"),
        ["approximate"] = ("位置为估计值", "position approximate"),
        ["cause_SiteAlarm"] = ("设备故障", "Device fault"),
        ["cause_IdentityRejected"] = ("身份核验未通过", "Identity check failed"),
        ["cause_MetalDetector"] = ("金属探测报警", "Metal detector alarm"),
        ["cause_CameraTampered"] = ("摄像头遮挡/破坏", "Camera tampered with"),
        ["cause_IncidentReported"] = ("突发事件报告", "Incident reported"),
        ["admin"] = ("账号管理", "Accounts"),
        ["audit"] = ("审计日志", "Audit trail"),
    };

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The word for <paramref name="key"/> in the current language (the key itself if unknown, so a gap shows).</summary>
    public static string T(string key) => Words.TryGetValue(key, out var w) ? (IsEnglish ? w.En : w.Zh) : key;

    public static string T(string key, object arg) => string.Format(CultureInfo.CurrentCulture, T(key), arg);

    /// <summary>A count, grouped the current culture's way.</summary>
    public static string N(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string StatusName(Dashboard.SiteStatus status) => T("status_" + Dashboard.SiteStatuses.Wire(status));

    public static IEnumerable<string> Keys => Words.Keys;
}
