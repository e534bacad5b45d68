using System.Diagnostics;
using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Modules;
using Crossbar.Numerics;
using Crossbar.Training.Optim;

namespace Crossbar.Training;

/// <summary>
/// Mini-batch SGD of a graph network (CNNs, ResNets) on images: shuffled order per epoch from the counter-based RNG,
/// augmentation keyed by (seed, epoch, image), η per batch from the schedule, the test set evaluated at every epoch
/// end (and every <c>evaluation.every_examples</c>). Both cores are used; results do not depend on the thread count.
/// </summary>
public sealed class GraphTrainer
{
    private readonly ExperimentConfig _config;
    private readonly Graph _graph;
    private readonly ImageBatcher _train;
    private readonly ImageBatcher _test;
    private readonly IProgressSink _progress;

    public GraphTrainer(ExperimentConfig config, Graph graph, ImageBatcher train, ImageBatcher test, IProgressSink? progress = null)
    {
        if (graph.Nodes[^1].Module is Modules.Layers.Softmax)
        {
            throw new CrossbarException($"{graph.Nodes[^1].Name}: the network ends with a softmax; training needs logits (the loss applies its own softmax): remove the final Softmax from the model");
        }
        _config = config;
        _graph = graph;
        _train = train;
        _test = test;
        _progress = progress ?? NullProgress.Instance;
        var t = config.Training;
        Optimizer = new Sgd(graph.Parameters, t.Momentum, t.Nesterov, t.WeightDecay);
        Threads = t.Threads > 0 ? t.Threads : WorkerPool.DefaultThreads;
    }

    public Sgd Optimizer { get; }

    /// <summary>
    /// Evaluation batches no larger than the training batch: every node's output tensor keeps its largest batch,
    /// so a larger one would grow the whole graph's memory (ResNet-20: 1.3 GB at 500 against 0.3 GB at 128).
    /// Results do not depend on it (evaluation treats images independently).
    /// </summary>
    private int EvaluationBatch => Math.Min(GraphEvaluator.DefaultBatch, _config.Training.BatchSize);

    public int Threads { get; }

    /// <summary>Called after every completed epoch with where the run stands (checkpoints hook in here).</summary>
    public Action<TrainingPosition>? EpochEnded { get; set; }

    /// <summary>Work around every training batch (hardware-aware noise); null = none.</summary>
    public ITrainingHook? Hook { get; set; }

    /// <param name="resume">Where a checkpoint left off; its state must already be loaded into the graph and optimiser.</param>
    public TrainingResult Run(CancellationToken cancel = default, TrainingPosition? resume = null)
    {
        var t = _config.Training;
        var e = _config.Evaluation;
        int perEpoch = _train.Set.Count;
        long total = Math.Min(t.MaxExamples ?? long.MaxValue, (long)perEpoch * t.Epochs);
        int batchSize = t.BatchSize;
        using var pool = new WorkerPool(Threads);
        var result = resume?.Result ?? new TrainingResult();
        var wall = Stopwatch.StartNew();
        double wallBefore = result.WallSeconds;
        var trainClock = new Stopwatch();
        double trainBefore = result.TrainSeconds;
        var order = new int[perEpoch];
        var labels = new int[batchSize];
        int startEpoch = resume?.Epochs ?? 0;
        long done = resume?.Examples ?? 0; // not epochs × images: max_examples may have ended the last epoch early
        long nextEval = e.EveryExamples > 0 ? (done / e.EveryExamples + 1) * e.EveryExamples : long.MaxValue;
        if (startEpoch == 0)
        {
            Record(result, 0, 0, double.NaN, double.NaN, t.RateAt(0.0), e.IntermediateTestCount, wallBefore + wall.Elapsed.TotalSeconds, false, pool);
        }
        for (int epoch = startEpoch; epoch < t.Epochs && done < total; epoch++)
        {
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }
            if (_config.Data.Shuffle)
            {
                CounterRng.ForStream(_config.Seed, "shuffle", (ulong)epoch).Shuffle(order.AsSpan());
            }
            long correct = 0, seen = 0, correctSince = 0, seenSince = 0;
            double lossSum = 0, lossSince = 0;
            double lr = t.RateAt((double)epoch);
            for (int k = 0; k < perEpoch && done < total; k += batchSize)
            {
                int b = (int)Math.Min(Math.Min(batchSize, perEpoch - k), total - done);
                lr = t.RateAt(epoch + (double)k / perEpoch);
                trainClock.Start();
                long step = (long)epoch * ((perEpoch + batchSize - 1) / batchSize) + k / batchSize; // unique per batch, also after a resume
                Hook?.BeforeForward(step);
                _graph.Input.Resize(b);
                _train.Fill(order.AsSpan(k, b), epoch, _graph.Input.Span, labels.AsSpan(0, b));
                var y = _graph.Forward(ForwardMode.Train, pool);
                var (loss, c) = SoftmaxCrossEntropy.Compute(y, labels.AsSpan(0, b), _graph.OutputGrad);
                if (!double.IsFinite(loss))
                {
                    throw new CrossbarException(
                        $"training diverged: the loss became {loss} in the batch at example {done + 1} (epoch {epoch + 1}); " +
                        $"lower training.learning_rate (now {t.LearningRate}) or add warm-up (training.warmup_epochs)");
                }
                _graph.Backward(pool);
                Hook?.BeforeStep(step);
                Optimizer.Step((float)lr);
                Hook?.AfterStep(step);
                trainClock.Stop();
                done += b;
                seen += b;
                seenSince += b;
                correct += c;
                correctSince += c;
                lossSum += loss;
                lossSince += loss;
                if (done >= nextEval)
                {
                    Record(result, done, (double)done / perEpoch, (double)correctSince / seenSince, lossSince / seenSince, lr,
                        e.IntermediateTestCount, wallBefore + wall.Elapsed.TotalSeconds, false, pool);
                    correctSince = seenSince = 0;
                    lossSince = 0;
                    nextEval += e.EveryExamples;
                }
                _progress.Report(done, total, $"epoch {epoch + 1}/{t.Epochs}  loss {lossSum / seen:F3}  train acc {(double)correct / seen:P1}");
                cancel.ThrowIfCancellationRequested();
            }
            double trainAcc = (double)correct / Math.Max(1, seen), trainLoss = lossSum / Math.Max(1, seen);
            if (e.FullTrainAccuracy)
            {
                var plain = new ImageBatcher(_train.Set, ImageSetLoader.Normalization(_config.Data), null, _config.Seed);
                (trainAcc, trainLoss) = GraphEvaluator.Evaluate(_graph, plain, pool, batch: EvaluationBatch);
            }
            var p = Record(result, done, (double)done / perEpoch, trainAcc, trainLoss, lr, null, wallBefore + wall.Elapsed.TotalSeconds, true, pool);
            result.BestTestAccuracy = Math.Max(result.BestTestAccuracy, p.TestAccuracy);
            result.FinalTrainAccuracy = trainAcc;
            result.FinalTestAccuracy = p.TestAccuracy;
            result.FinalTestLoss = p.TestLoss;
            result.Examples = done;
            result.TrainSeconds = trainBefore + trainClock.Elapsed.TotalSeconds;
            result.WallSeconds = wallBefore + wall.Elapsed.TotalSeconds;
            _progress.Message($"epoch {epoch + 1,3}/{t.Epochs}: train acc {trainAcc:P2}  test acc {p.TestAccuracy:P2}  test loss {p.TestLoss:F4}  lr {lr:G3}");
            EpochEnded?.Invoke(new TrainingPosition { Epochs = epoch + 1, Examples = done, Result = result });
        }
        var last = result.Points[^1];
        result.FinalTestAccuracy = last.TestAccuracy;
        result.FinalTestLoss = last.TestLoss;
        result.Examples = done;
        result.TrainSeconds = trainBefore + trainClock.Elapsed.TotalSeconds;
        result.WallSeconds = wallBefore + wall.Elapsed.TotalSeconds;
        return result;
    }

    private EvaluationPoint Record(TrainingResult result, long examples, double epoch, double trainAcc, double trainLoss,
        double lr, int? testCount, double wallSeconds, bool epochEnd, WorkerPool pool)
    {
        var (acc, loss) = GraphEvaluator.Evaluate(_graph, _test, pool, testCount, EvaluationBatch);
        var p = new EvaluationPoint(examples, epoch, trainAcc, trainLoss, acc, loss,
            Math.Min(testCount ?? _test.Set.Count, _test.Set.Count), lr, wallSeconds, epochEnd);
        result.Points.Add(p);
        return p;
    }
}
