using CommandCenter.Server.Api;

namespace CommandCenter.Server.Dashboard;

/// <summary>Folds a pushed site change into the site panel's snapshot: newer rooms and devices replace older ones.</summary>
public static class SiteMerge
{
    public static SiteDto Apply(SiteDto site, SiteChangeDto change)
    {
        var rooms = site.Rooms.ToDictionary(r => r.Room, StringComparer.Ordinal);
        foreach (var room in change.Rooms)
        {
            rooms[room.Room] = room;
        }

        var devices = site.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var device in change.Devices)
        {
            devices[device.Id] = device;
        }

        return site with
        {
            Online = change.Online,
            Counts = change.Counts,
            Rooms = rooms.Values.OrderBy(r => r.Room, StringComparer.Ordinal).ToList(),
            Devices = devices.Values.OrderBy(d => d.Room ?? "", StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal).ToList(),
            RecentEvents = change.Events.Reverse().Concat(site.RecentEvents).Take(50).ToList(),
        };
    }
}
