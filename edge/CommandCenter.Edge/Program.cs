using CommandCenter.Edge.Hosting;

return await EdgeProgram.RunAsync(args);
