using System.Net;
using System.Net.Http.Json;
using CommandCenter.Abstractions.Plan;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Server.Tests.Harness;

/// <summary>A small exam plan with staff for custody tests, and bag registration through the API.</summary>
public static class CustodyPlan
{
    public const string Site = "43010401";
    public const string SwitchSiteA = "43010501";
    public const string SwitchSiteB = "43010502";
    public const string SwitchSiteSilent = "43010503";

    public static Task Store(RunningServer server)
    {
        var session = new ExamSession("s1", "语文", DateTimeOffset.Parse("2026-06-07T09:00:00+08:00"), DateTimeOffset.Parse("2026-06-07T11:30:00+08:00"),
            DateTimeOffset.Parse("2026-06-07T08:30:00+08:00"), DateTimeOffset.Parse("2026-06-07T09:15:00+08:00"), DateTimeOffset.Parse("2026-06-07T08:45:00+08:00"), null);
        PlanSite SiteOf(string id) => new(id, id, "addr", 28.2, 112.9, id[..6]);
        PlanStaff Staff(string id, StaffRole role, string? site, string? region = null) => new(id, id, role, site, region, null);
        var plan = new ExamPlan("custody-e2e", "custody e2e", new RuleThresholds(), [session],
            [SiteOf(Site), SiteOf(SwitchSiteA), SiteOf(SwitchSiteB), SiteOf(SwitchSiteSilent)],
            [new PlanRoom(Site, "001", 30, 30)], [], [], [],
            [Staff("C1", StaffRole.Chief, Site), Staff("S1", StaffRole.Staff, Site),
             Staff("K1", StaffRole.Staff, null, "430104"), Staff("K2", StaffRole.Staff, null, "430104"), Staff("K3", StaffRole.Staff, null, "430104")],
            [], "custody-e2e-1");
        return server.Services.GetRequiredService<IGrainFactory>().GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).Store(plan);
    }

    public static async Task Register(string bag, RunningServer server)
    {
        using var response = await server.Http.PostAsJsonAsync("/api/v1/bags", new[]
        {
            new { bagId = bag, examId = "custody-e2e", sessionId = "s1", subject = "语文", siteId = Site, room = "001", paperSet = "A", count = 30, kind = "regular" },
        });
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"registering {bag}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
