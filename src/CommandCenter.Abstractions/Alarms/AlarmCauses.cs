namespace CommandCenter.Abstractions.Alarms;

/// <summary>The causes an alarm can have, as the API writes them.</summary>
public static class AlarmCauses
{
    public const string DeviceOffline = "device_offline";
    public const string JammerOff = "jammer_off";
    public const string JammerFault = "jammer_fault";
    public const string ClockOffset = "clock_offset";
    public const string ClockUnsynced = "clock_unsynced";
    public const string ClockStopped = "clock_stopped";
    public const string CameraOffline = "camera_offline";
    public const string CameraNotRecording = "camera_not_recording";
    public const string CameraFrozen = "camera_frozen";
    public const string CameraLowFps = "camera_low_fps";
    public const string CameraRecordingStopped = "camera_recording_stopped";
    public const string IdentityMismatch = "identity_mismatch";
    public const string IdentityUnregistered = "identity_unregistered";
    public const string IdentityUnreadable = "identity_unreadable";
    public const string MetalDetector = "metal_detector_alarm";
    public const string AgentOffline = "agent_offline";
    public const string RoomNotReady = "room_not_ready";
    public const string ZeroReportMissing = "zero_report_missing";
    public const string VaultOpened = "vault_opened_outside_window";
    public const string Storm = "alarm_storm";
    public const string CustodyRefused = "custody_refused";
    public const string BagMissing = "bag_missing";
    public const string VaultShortStaffed = "vault_opened_short_staffed";
    public const string VaultCamerasInsufficient = "vault_cameras_insufficient";
    public const string PaperSwitchUnacknowledged = "paper_switch_unacknowledged";
    public const string VaultDutyGap = "vault_duty_gap";
}
