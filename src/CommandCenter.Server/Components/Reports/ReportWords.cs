namespace CommandCenter.Server.Components.Reports;

/// <summary>The site chief's report screen's words, zh-CN first and English beside, chosen like <see cref="UiText"/>.</summary>
public static class ReportWords
{
    private static readonly WordTable Words = new(new(StringComparer.Ordinal)
    {
        ["site_reports"] = ("考点报告", "Site reports"),
        ["site"] = ("考点", "Site"),
        ["type_zero"] = ("零报告", "Zero-report"),
        ["type_incident"] = ("突发事件报告", "Incident report"),
        ["session"] = ("场次", "Session"),
        ["no_session"] = ("（不针对某一场次）", "(not about one session)"),
        ["text_zero"] = ("说明（可不填）", "Remarks (optional)"),
        ["text_incident"] = ("事件经过", "What happened"),
        ["text_zero_hint"] = ("本场考试本考点无异常情况。", "Nothing to report at this site for this session."),
        ["text_incident_hint"] = ("时间、考场、经过、已采取的措施", "Time, room, what happened, what was done"),
        ["by"] = ("报告人工号", "Reported by (staff no.)"),
        ["submit"] = ("提交报告", "Submit report"),
        ["sending"] = ("正在提交…", "Submitting…"),
        ["sent"] = ("已提交 {0} · {1}", "Submitted {0} · {1}"),
        ["bad_siteId"] = ("请选择考点", "Choose a site"),
        ["bad_type"] = ("请选择报告类型", "Choose the kind of report"),
        ["bad_session"] = ("零报告须选择场次（计划中的场次）", "A zero-report needs a session of the exam plan"),
        ["bad_text"] = ("突发事件报告须填写经过（不超过 2000 字）", "An incident report needs a description (at most 2000 characters)"),
        ["bad_by"] = ("工号过长", "Staff number too long"),
        ["out_of_scope"] = ("该考点不在您的权限范围内", "This site is outside your scope"),
        ["chiefs_only"] = ("只有本考点的主考可以提交考点报告。", "Only the site's chief files its reports."),
        ["not_taken"] = ("未能提交，请稍后重试", "Not submitted; try again shortly"),
        ["throttled"] = ("提交过于频繁，请稍后再试", "Too many submissions; wait a minute"),
        ["no_plan"] = ("尚未导入考试计划：只能提交突发事件报告", "No exam plan imported yet: only incident reports can be filed"),
    });

    public static string W(string key) => Words[key];

    public static string W(string key, params object[] args) => Words.Format(key, args);

    public static IEnumerable<string> Keys => Words.Keys;
}
