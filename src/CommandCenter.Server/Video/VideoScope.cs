using CommandCenter.Abstractions.Security;
using CommandCenter.Abstractions.Video;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Video;

/// <summary>Who may see and do what with cameras. A video monitor sees exactly the cameras of their scope.</summary>
internal static class VideoScope
{
    public static bool CanSeeCamera(this AccessScope scope, string cameraId)
    {
        if (!CameraIds.TryParse(cameraId, out var siteId, out _) || scope.Role is null)
        {
            return false;
        }

        // CanReadSite also admits a site holding one of the account's cameras; for cameras that is too wide.
        return scope.Cameras.Contains(cameraId)
            || (scope.Role != Role.VideoMonitor && (scope.Sites.Contains(siteId) || (scope.RegionCode is not null && scope.CanReadSite(siteId))));
    }

    /// <summary>Putting cameras on monitors, tours, pins, review marks: everyone in scope but auditors (they change nothing).</summary>
    public static bool CanOperate(this AccessScope scope, string cameraId) =>
        scope.Role is not (null or Role.Auditor) && scope.CanSeeCamera(cameraId);

    /// <summary>Marking a camera for recording: commanders, site chiefs and administrators.</summary>
    public static bool CanMarkRecording(this AccessScope scope, string cameraId) =>
        scope.Role is Role.ProvincialCommander or Role.CityOperator or Role.CountyOperator or Role.SiteChief or Role.Administrator
        && scope.CanSeeCamera(cameraId);

    /// <summary>The list of ffmpeg processes: the province's commanders, administrators and auditors.</summary>
    public static bool SeesProcesses(this AccessScope scope) =>
        scope.Role is Role.Administrator or Role.Auditor or Role.ProvincialCommander;
}
