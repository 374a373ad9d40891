namespace CommandCenter.Edge.Commands;

/// <summary>What the center told the site: notices and the paper set in force, for the technician's status page.</summary>
public sealed class SiteBoard
{
    private const int KeptNotices = 20;
    private readonly LinkedList<Notice> _notices = new();
    private PaperSetSwitch? _paperSet;

    public PaperSetSwitch? PaperSet
    {
        get
        {
            lock (_notices)
            {
                return _paperSet;
            }
        }
    }

    public IReadOnlyList<Notice> Notices()
    {
        lock (_notices)
        {
            return _notices.Reverse().ToList();
        }
    }

    public void Show(Notice notice)
    {
        lock (_notices)
        {
            _notices.AddLast(notice);
            if (_notices.Count > KeptNotices)
            {
                _notices.RemoveFirst();
            }
        }
    }

    public void Show(PaperSetSwitch paperSet)
    {
        lock (_notices)
        {
            _paperSet = paperSet;
        }
    }
}
