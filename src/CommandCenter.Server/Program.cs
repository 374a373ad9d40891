using CommandCenter.Server.BrokerAccess;
using CommandCenter.Server.Hosting;

if (args is [BrokerAccessCommand.Name, .. var rest])
{
    return BrokerAccessCommand.Run(rest, Console.Out, Console.Error);
}

var app = CommandCenterApp.Build(args);
app.Run();
return 0;
