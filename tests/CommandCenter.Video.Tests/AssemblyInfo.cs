// Each class starts a real server, ffmpeg processes and sometimes Chromium: one class at a time keeps a
// 2-core machine from turning timing into chance.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
