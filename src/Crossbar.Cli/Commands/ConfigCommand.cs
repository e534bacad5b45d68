using System.CommandLine;
using System.Reflection;
using Crossbar.Config;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar config</c>: shows every key an experiment file may hold, and resolves a file with overrides.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Describe the experiment-file format, or print a file's fully resolved configuration.");
        command.Subcommands.Add(Describe());
        command.Subcommands.Add(Resolve());
        return command;
    }

    private static Command Describe()
    {
        var section = new Argument<string?>("section") { Description = "Only this section (data, network, training, ...).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("describe", "List every key with its default, allowed values and meaning.") { section };
        command.SetAction(parse =>
        {
            var w = parse.InvocationConfiguration.Output;
            string? only = parse.GetValue(section);
            var root = new ExperimentConfig();
            bool found = false;
            foreach (var p in ConfigNaming.ConfigProperties(typeof(ExperimentConfig)))
            {
                string key = ConfigNaming.KeyOf(p);
                if (only is not null && key != only)
                {
                    continue;
                }
                found = true;
                Write(w, p, p.GetValue(root), key, 0);
            }
            if (!found)
            {
                throw new CrossbarException($"no section '{only}'; sections: {ConfigBinder.AllowedKeys(typeof(ExperimentConfig))}");
            }
            return 0;
        });
        return command;
    }

    private static void Write(TextWriter w, PropertyInfo p, object? value, string key, int indent)
    {
        var pad = new string(' ', indent);
        string doc = p.GetCustomAttribute<DocAttribute>()?.Text ?? "";
        var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
        bool nested = type.IsClass && type != typeof(string) && !type.IsArray;
        if (nested && type.GetCustomAttribute<VariantsAttribute>() is { } variants)
        {
            // A polymorphic section (device, update): list every variant with its own defaults.
            string which = value is null ? "optional" : $"default {variants.Discriminator}: {ConfigBinder.VariantName(value.GetType())}";
            w.WriteLine($"{pad}{key}:{(doc.Length > 0 ? "  # " + doc : "")} ({which}; '{variants.Discriminator}' picks one of the variants below)");
            foreach (var variant in variants.Types)
            {
                string variantDoc = variant.GetCustomAttribute<DocAttribute>()?.Text ?? "";
                w.WriteLine($"{pad}  # {variants.Discriminator}: {ConfigBinder.VariantName(variant)}{(variantDoc.Length > 0 ? " — " + variantDoc : "")}");
                var instance = Activator.CreateInstance(variant)!;
                foreach (var child in ConfigNaming.ConfigProperties(variant))
                {
                    Write(w, child, child.GetValue(instance), ConfigNaming.KeyOf(child), indent + 4);
                }
            }
            return;
        }
        if (nested && value is null && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null)
        {
            value = Activator.CreateInstance(type); // optional section: show the defaults it gets when present
        }
        if (nested && value is not null)
        {
            w.WriteLine($"{pad}{key}:{(doc.Length > 0 ? "  # " + doc : "")}");
            foreach (var child in ConfigNaming.ConfigProperties(value.GetType()))
            {
                Write(w, child, child.GetValue(value), ConfigNaming.KeyOf(child), indent + 2);
            }
            return;
        }
        string shown = value switch
        {
            null => "(empty)",
            Array a => "[" + string.Join(", ", a.Cast<object>().Select(ConfigWriter.Scalar)) + "]",
            _ => ConfigWriter.Scalar(value),
        };
        var notes = new List<string>();
        if (type.IsEnum)
        {
            notes.Add("one of: " + ConfigBinder.EnumChoices(type));
        }
        if (p.GetCustomAttribute<Config.RangeAttribute>() is { } r)
        {
            notes.Add("allowed: " + r.Describe());
        }
        if (doc.Length > 0)
        {
            notes.Add(doc);
        }
        w.WriteLine($"{pad}{key}: {shown}{(notes.Count > 0 ? "  # " + string.Join("; ", notes) : "")}");
    }

    private static Command Resolve()
    {
        var file = new Argument<string>("file") { Description = "Experiment file." };
        var set = CommonOptions.Set();
        var command = new Command("resolve", "Print the configuration a run of FILE would use, every default filled in.") { file, set };
        command.SetAction(parse =>
        {
            var (config, _) = ExperimentLoader.Load(parse.GetValue(file)!, parse.GetValue(set));
            parse.InvocationConfiguration.Output.Write(ConfigWriter.ToYaml(config));
            return 0;
        });
        return command;
    }
}
