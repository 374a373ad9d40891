using System.Globalization;
using Bunit;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Server.Components.Reports;
using CommandCenter.Server.Reports;

namespace CommandCenter.Dashboard.Tests.Components;

/// <summary>The site chief's report form: what it sends, what it says back, in both languages.</summary>
public sealed class SiteReportFormTests : BunitContext
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("Beijing", Beijing, "Beijing", "Beijing");
    private static readonly ExamSession Chinese = Session("2026-gk-yw", "语文", 9, 11);
    private static readonly ExamSession Maths = Session("2026-gk-sx", "数学", 15, 17);
    private static readonly ChiefSite First = new("43010201", "长沙市一中", [Chinese, Maths]);
    private static readonly ChiefSite Second = new("43010202", "长沙市二中", []);
    private readonly List<SiteReportRequest> _sent = [];

    public SiteReportFormTests() => Language("zh-CN");

    [Fact]
    public void A_zero_report_goes_out_for_the_chosen_site_and_the_session_being_reported_on()
    {
        // 12:40 Beijing: the Chinese paper's zero-report (due 12:30) is the one being reported on.
        var form = RenderForm(At(12, 40), SiteReportOutcome.Accepted);
        Assert.Equal("2026-gk-yw", form.Find("select[data-field=session]").GetAttribute("value"));
        Assert.Contains("零报告", form.Find("button.cc-chosen").TextContent);

        form.Find("input[data-field=by]").Input("T0001");
        form.Find("form").Submit();

        var sent = Assert.Single(_sent);
        Assert.Equal(new SiteReportRequest("43010201", "zero", "2026-gk-yw", null, "T0001"), sent);
        Assert.Contains("已提交 零报告", form.Find("[data-message=ok]").TextContent);
    }

    [Fact]
    public void An_incident_report_sends_its_text_and_a_refusal_is_shown_in_words()
    {
        var form = RenderForm(At(9, 30), SiteReportOutcome.Invalid, "text");
        form.Find("button[data-type=incident]").Click();
        Assert.Contains("事件经过", form.Markup);
        form.Find("select[data-field=site]").Change("43010202");
        Assert.NotNull(form.Find("[data-no-plan]"));
        form.Find("textarea[data-field=text]").Input("  015考场考生晕倒，已送医  ");
        form.Find("form").Submit();

        Assert.Equal(new SiteReportRequest("43010202", "incident", null, "015考场考生晕倒，已送医", null), Assert.Single(_sent));
        Assert.Contains("突发事件报告须填写经过", form.Find("[data-message=error]").TextContent);
    }

    [Fact]
    public void In_english_the_form_speaks_english()
    {
        Language("en");
        var form = RenderForm(At(8, 0), SiteReportOutcome.NotAllowed);
        Assert.Contains("Zero-report", form.Markup);
        Assert.Contains("Reported by (staff no.)", form.Markup);
        form.Find("form").Submit();
        Assert.Contains("Only the site's chief files its reports.", form.Find("[data-message=error]").TextContent);
    }

    private IRenderedComponent<SiteReportForm> RenderForm(DateTimeOffset now, SiteReportOutcome outcome, string? field = null) =>
        Render<SiteReportForm>(p => p
            .Add(x => x.Sites, [First, Second])
            .Add(x => x.Zone, Zone)
            .Add(x => x.Now, now)
            .Add(x => x.Submit, request =>
            {
                _sent.Add(request);
                return Task.FromResult(new SiteReportResult(outcome, field));
            }));

    private static DateTimeOffset At(int hour, int minute) => new(2026, 6, 7, hour, minute, 0, Beijing);

    private static ExamSession Session(string id, string subject, int start, int end) => new(id, subject, At(start, 0), At(end, 0),
        At(start, 0).AddMinutes(-30), At(start, 0).AddMinutes(15), At(start, 0).AddMinutes(-15), At(end, 0).AddMinutes(60));

    private static void Language(string culture)
    {
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
    }
}
