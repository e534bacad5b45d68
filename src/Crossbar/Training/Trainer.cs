using System.Diagnostics;
using System.Numerics.Tensors;
using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Network;
using Crossbar.Numerics;
using Crossbar.Updates;

namespace Crossbar.Training;

/// <summary>
/// Online (batch 1) or mini-batch SGD over epochs with a learning-rate schedule, evaluating on the test set at the
/// configured points. Deterministic for a seed: the example order comes from the counter-based RNG.
/// </summary>
public sealed class Trainer(ExperimentConfig config, Mlp network, DataSplit data, IProgressSink? progress = null)
{
    private readonly IProgressSink _progress = progress ?? NullProgress.Instance;

    /// <summary>The update rule in use (exposed so callers can read Local Gains and similar state after training).</summary>
    public UpdatePipeline Updates { get; } = new(config.Update, config.Network, network);

    /// <summary>Called after every completed epoch with where the run stands (checkpoints hook in here).</summary>
    public Action<TrainingPosition>? EpochEnded { get; set; }

    /// <param name="resume">Where a checkpoint left off; its network and rule state must already be loaded.</param>
    public TrainingResult Run(CancellationToken cancel = default, TrainingPosition? resume = null)
    {
        var t = config.Training;
        var e = config.Evaluation;
        var train = data.Train;
        var test = data.Test;
        if (train.Features != network.InputSize)
        {
            throw new CrossbarException(
                $"network.layers starts with {network.InputSize} inputs but the data gives {train.Features} per image " +
                $"(data.crop = {ConfigNaming.EnumName(config.Data.Crop)}); make them equal");
        }
        if (network.OutputSize != train.Classes)
        {
            throw new CrossbarException($"network.layers ends with {network.OutputSize} outputs but the data has {train.Classes} classes");
        }

        long perEpoch = train.Count;
        long total = Math.Min(t.MaxExamples ?? long.MaxValue, perEpoch * t.Epochs);
        var result = resume?.Result ?? new TrainingResult();
        // A resumed run's clocks continue from the checkpoint's.
        var wall = new WallClock(Stopwatch.StartNew(), result.WallSeconds);
        var trainClock = new Stopwatch();
        double trainBefore = result.TrainSeconds;
        var order = new int[train.Count];
        long done = resume?.Examples ?? 0;
        // After each example nextEval is the first multiple of every_examples beyond done.
        long nextEval = e.EveryExamples > 0 ? (done / e.EveryExamples + 1) * e.EveryExamples : long.MaxValue;
        int correctSince = resume?.CorrectSince ?? 0, seenSince = resume?.SeenSince ?? 0;
        double lossSince = resume?.LossSince ?? 0;

        var snapshots = new Queue<(long Examples, string Label)>(e.Snapshots
            .Select(spec => SnapshotSchedule.TryParse(spec, perEpoch, total, out long at, out string label) ? (at, label)
                : throw new CrossbarException($"evaluation.snapshots: '{spec}' is not a snapshot"))
            .Where(s => resume is null || s.at > done) // the earlier ones are in the checkpoint's result
            .OrderBy(s => s.at));
        if (resume is null)
        {
            TakeSnapshots(result, snapshots, 0);
            Record(result, 0, 0, double.NaN, double.NaN, t.RateAt(0), e.IntermediateTestCount, wall, epochEnd: false);
        }
        for (int epoch = resume?.Epochs ?? 0; epoch < t.Epochs && done < total; epoch++)
        {
            float lr = (float)t.RateAt(epoch);
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }
            if (config.Data.Shuffle)
            {
                CounterRng.ForStream(config.Seed, "shuffle", (ulong)epoch).Shuffle(order.AsSpan());
            }
            int epochCorrect = 0, epochSeen = 0;
            double epochLoss = 0;
            int inBatch = 0;
            trainClock.Start();
            for (int k = 0; k < order.Length && done < total; k++)
            {
                int idx = order[k];
                int label = train.Labels[idx];
                var y = network.Forward(train.Input(idx));
                bool correct = TensorPrimitives.IndexOfMax(y) == label;
                float loss = t.BatchSize == 1
                    ? Updates.BackwardAndApply(label, lr)
                    : network.Backward(label, Updates.NeedsInputErrors);
                if (!float.IsFinite(loss))
                {
                    throw new CrossbarException(
                        $"training diverged: the loss became {loss} at example {done + 1} (epoch {epoch + 1}); " +
                        $"lower training.learning_rate (now {t.LearningRate}) or check the activation settings");
                }
                if (t.BatchSize > 1)
                {
                    Updates.Accumulate();
                    if (++inBatch == t.BatchSize)
                    {
                        Updates.ApplyBatch(lr, inBatch);
                        inBatch = 0;
                    }
                }
                network.EndExample();
                done++;
                epochSeen++;
                seenSince++;
                if (correct)
                {
                    epochCorrect++;
                    correctSince++;
                }
                epochLoss += loss;
                lossSince += loss;
                if (snapshots.Count > 0 && snapshots.Peek().Examples == done)
                {
                    trainClock.Stop();
                    TakeSnapshots(result, snapshots, done);
                    trainClock.Start();
                }
                if (done >= nextEval)
                {
                    trainClock.Stop();
                    Record(result, done, (double)done / perEpoch, (double)correctSince / seenSince, lossSince / seenSince,
                           lr, e.IntermediateTestCount, wall, epochEnd: false);
                    correctSince = 0;
                    seenSince = 0;
                    lossSince = 0;
                    nextEval += e.EveryExamples;
                    cancel.ThrowIfCancellationRequested();
                    trainClock.Start();
                }
                if ((done & 255) == 0)
                {
                    _progress.Report(done, total, $"epoch {epoch + 1}/{t.Epochs}  train acc {(double)epochCorrect / epochSeen:P1}");
                    cancel.ThrowIfCancellationRequested();
                }
            }
            if (inBatch > 0)
            {
                Updates.ApplyBatch(lr, inBatch);
            }
            trainClock.Stop();
            double trainAcc = (double)epochCorrect / Math.Max(1, epochSeen);
            double trainLoss = epochLoss / Math.Max(1, epochSeen);
            if (e.FullTrainAccuracy)
            {
                (trainAcc, trainLoss) = Evaluator.Evaluate(network, train);
            }
            var p = Record(result, done, (double)done / perEpoch, trainAcc, trainLoss, lr, null, wall, epochEnd: true);
            result.BestTestAccuracy = Math.Max(result.BestTestAccuracy, p.TestAccuracy);
            result.FinalTrainAccuracy = trainAcc;
            _progress.Report(done, total, $"epoch {epoch + 1}/{t.Epochs}");
            _progress.Message($"epoch {epoch + 1,3}/{t.Epochs}: train acc {trainAcc:P2}  test acc {p.TestAccuracy:P2}  test loss {p.TestLoss:F4}  lr {lr:G3}");
            if (EpochEnded is { } hook)
            {
                Finish(result, done, trainBefore + trainClock.Elapsed.TotalSeconds, wall.Seconds);
                hook(new TrainingPosition
                {
                    Epochs = epoch + 1,
                    Examples = done,
                    Result = result,
                    CorrectSince = correctSince,
                    SeenSince = seenSince,
                    LossSince = lossSince,
                });
            }
        }
        Finish(result, done, trainBefore + trainClock.Elapsed.TotalSeconds, wall.Seconds);
        return result;
    }

    private static void Finish(TrainingResult result, long done, double trainSeconds, double wallSeconds)
    {
        var last = result.Points[^1];
        result.FinalTestAccuracy = last.TestAccuracy;
        result.FinalTestLoss = last.TestLoss;
        result.Examples = done;
        result.TrainSeconds = trainSeconds;
        result.WallSeconds = wallSeconds;
    }

    /// <summary>Wall-clock seconds of the run, counting those before a resume.</summary>
    private readonly record struct WallClock(Stopwatch Watch, double Before)
    {
        public double Seconds => Before + Watch.Elapsed.TotalSeconds;
    }

    private void TakeSnapshots(TrainingResult result, Queue<(long Examples, string Label)> pending, long done)
    {
        while (pending.Count > 0 && pending.Peek().Examples == done)
        {
            var (at, label) = pending.Dequeue();
            var test = data.Test;
            var snap = new Snapshot(label, at, test.Classes, test.Count);
            for (int i = 0; i < test.Count; i++)
            {
                var y = network.Forward(test.Input(i));
                y.CopyTo(snap.Outputs.AsSpan(i * test.Classes, test.Classes));
                snap.Labels[i] = test.Labels[i];
                snap.SafetyMargins[i] = SafetyMargin.Of(y, test.Labels[i]);
            }
            result.Snapshots.Add(snap);
        }
    }

    private EvaluationPoint Record(TrainingResult result, long examples, double epoch, double trainAcc, double trainLoss,
                                   double lr, int? testCount, WallClock wall, bool epochEnd)
    {
        var (acc, loss) = Evaluator.Evaluate(network, data.Test, testCount);
        var p = new EvaluationPoint(examples, epoch, trainAcc, trainLoss, acc, loss,
                                    Math.Min(testCount ?? data.Test.Count, data.Test.Count), lr, wall.Seconds, epochEnd);
        result.Points.Add(p);
        return p;
    }
}
