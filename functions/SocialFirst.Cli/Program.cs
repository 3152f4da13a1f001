// Placeholder entry point; commands are added in SocialFirst.Cli/Commands.
return 0;
