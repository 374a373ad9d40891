using CommandCenter.Server.Hosting;

var app = CommandCenterApp.Build(args);
app.Run();
