// Browser tests run one class at a time: each drives a real server and Chromium, and the
// end-to-end timings (a fault on the map within 2 s) must not depend on sibling classes' load.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
