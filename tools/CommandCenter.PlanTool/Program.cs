using CommandCenter.PlanTool;

return await PlanCommands.Run(args, Console.Out, Console.Error);
