using SocialFirst.Cli;

// Composition only: the commands live in Commands/, one file each.
return await CliApplication.CreateRootCommand(Console.In, Console.Out, Console.Error).Parse(args).InvokeAsync();
