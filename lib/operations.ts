/**
 * Failures reach a person: every alarm notifies one SNS topic, which emails the operator when
 * the configuration names one (`operations.email`). The dashboard shows the pipeline's own
 * metrics (lambdas/handlers/metrics.ts) beside the functions' and the queues'.
 *
 * Thresholds on the pipeline's health are in the configuration and applied by the scheduler
 * (lambdas/core/pipeline/health.ts): the alarms here fire on any feed or alert it reports.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  EmailSendingEvent,
  EventDestination,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsProps {
  /** Subscribed to the topic by email; without it, subscribe someone by hand. */
  email?: string;
  /** Functions by name, each alarmed on errors and throttles. */
  functions: Record<string, IFunction>;
  /** Queues by name whose dead letters are alarmed. */
  queues: Record<string, Queue>;
  /** How often the scheduler measures the pipeline's health. */
  scheduleInterval: Duration;
  /** Items wait here for the story stage: an old message means the stage stalled. */
  stall: { itemQueue: Queue; maxAge: Duration; scheduler: IFunction };
}

/** The namespace and dimension Powertools Metrics publishes under (lambdas/handlers/metrics.ts). */
const pipelineMetric = (metricName: string, statistic: string, period: Duration) =>
  new Metric({
    namespace: 'newswatch',
    metricName,
    dimensionsMap: { service: 'newswatch' },
    statistic,
    period,
  });

const SES_DIMENSION = 'ses:configuration-set';

export class Operations extends Construct {
  readonly topic: Topic;
  /** Alerts are sent through it, so their bounces and complaints become metrics. */
  readonly configurationSet: ConfigurationSet;
  private readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'newswatch operations', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));

    this.configurationSet = new ConfigurationSet(this, 'Mail', { reputationMetrics: true });
    this.configurationSet.addEventDestination('Metrics', {
      destination: EventDestination.cloudWatchDimensions([
        {
          name: SES_DIMENSION,
          source: CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: this.configurationSet.configurationSetName,
        },
      ]),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.DELIVERY],
    });

    for (const [name, queue] of Object.entries(props.queues)) this.alarmOnDeadLetters(name, queue);
    for (const [name, fn] of Object.entries(props.functions)) this.alarmOnFunction(name, fn);
    this.alarmOnHealth(props.scheduleInterval);
    this.alarmOnStall(props.stall, props.scheduleInterval);
    this.alarmOnMail();
    this.dashboard(props);
  }

  private alarm(id: string, metric: IMetric, description: string, evaluationPeriods = 1): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods,
      // Any one breaching period of those evaluated.
      datapointsToAlarm: evaluationPeriods > 1 ? 1 : undefined,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    // Hearing that it recovered saves a look at the console.
    alarm.addOkAction(action);
    this.alarms.push(alarm);
    return alarm;
  }

  /**
   * A message in a dead-letter queue is a feed, an item or an alert that failed five times. The
   * alarm fires when the count rises, not while it is above zero: one left in the queue would
   * otherwise hold the alarm in ALARM and the next dead letter would notify nobody. SQS does not
   * count messages moved in by a redrive policy in the DLQ's NumberOfMessagesSent, so the rise
   * is read from the visible count; missing points (an idle queue reports none) count as empty,
   * and two periods are evaluated so the first point has one before it to differ from.
   */
  private alarmOnDeadLetters(name: string, queue: Queue): void {
    const dlq = queue.deadLetterQueue?.queue;
    if (!dlq) return;
    const period = Duration.minutes(5);
    const added = new MathExpression({
      expression: 'DIFF(FILL(visible, 0))',
      usingMetrics: {
        visible: dlq.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      },
      label: `new dead letters in ${dlq.node.id}`,
      period,
    });
    this.alarm(
      `${name}DeadLetters`,
      added,
      `${name}: new messages that failed processing five times arrived in ${dlq.node.id}`,
      2,
    );
  }

  private alarmOnFunction(name: string, fn: IFunction): void {
    const period = Duration.minutes(5);
    this.alarm(
      `${name}Errors`,
      fn.metricErrors({ period }),
      `${name}: invocations failed (crash or timeout)`,
    );
    this.alarm(`${name}Throttles`, fn.metricThrottles({ period }), `${name}: invocations throttled`);
  }

  /**
   * The scheduler publishes both counts on each run, so the period follows the schedule
   * (CloudWatch alarms look back at most a day).
   */
  private alarmOnHealth(scheduleInterval: Duration): void {
    const minutes = Math.min(Math.max(scheduleInterval.toMinutes(), 5), 1440);
    const period = Duration.minutes(minutes);
    this.alarm(
      'FeedsFailing',
      pipelineMetric('FeedsFailing', 'Maximum', period),
      'feeds whose every fetch has failed for longer than operations.failingFeedHours: `newswatch feeds --table` says why',
    );
    this.alarm(
      'AlertsOverdue',
      pipelineMetric('AlertsOverdue', 'Maximum', period),
      'alert emails pending longer than operations.pendingAlertMinutes: `newswatch alerts --table` says why',
    );
  }

  /**
   * A stage that stops taking items (a poison batch, a crash loop, a restore that outlasts its
   * timeout) leaves no error to count once SQS gives up retrying; the age of the oldest waiting item
   * says so. A scheduler that stops running says nothing at all: its invocations going missing for
   * two periods does.
   */
  private alarmOnStall(stall: OperationsProps['stall'], scheduleInterval: Duration): void {
    const notify = (alarm: Alarm) => {
      const action = new SnsAction(this.topic);
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    };
    notify(
      new Alarm(this, 'ItemQueueStalled', {
        metric: stall.itemQueue.metricApproximateAgeOfOldestMessage({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: stall.maxAge.toSeconds(),
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `the oldest item waiting for the story stage is older than operations.itemQueueAgeMinutes (${stall.maxAge.toMinutes()}): the stage is stalled or failing; see its logs and \`newswatch items --parked\``,
      }),
    );
    const period = Duration.minutes(Math.min(Math.max(scheduleInterval.toMinutes(), 1), 1440));
    notify(
      new Alarm(this, 'SchedulerSilent', {
        metric: stall.scheduler.metricInvocations({ period, statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 2,
        // No data is exactly what a scheduler that stopped leaves.
        treatMissingData: TreatMissingData.BREACHING,
        alarmDescription: 'the scheduler has not run for two schedule periods: no feed is being fetched',
      }),
    );
  }

  /** Any bounce or complaint is worth a look: SES suspends senders whose rates climb. */
  private alarmOnMail(): void {
    for (const event of ['Bounce', 'Complaint']) {
      this.alarm(
        `Mail${event}s`,
        this.mailMetric(event, Duration.hours(1)),
        `alert emails: ${event.toLowerCase()}s reported by SES in the last hour`,
      );
    }
  }

  private mailMetric(metricName: string, period: Duration): Metric {
    return new Metric({
      namespace: 'AWS/SES',
      metricName,
      dimensionsMap: { [SES_DIMENSION]: this.configurationSet.configurationSetName },
      statistic: 'Sum',
      period,
    });
  }

  private dashboard(props: OperationsProps): void {
    const hour = Duration.hours(1);
    const sum = (name: string) => pipelineMetric(name, 'Sum', hour);
    const fns = Object.entries(props.functions);
    new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-pipeline`,
      defaultInterval: Duration.days(7),
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
        [
          graph('Items per hour', [sum('ItemsNew'), sum('ItemsSeen'), sum('ItemsEdited')]),
          graph('Stories and alerts per hour', [sum('StoriesNew'), sum('AlertsSent'), sum('AlertsFailed')]),
          graph('Feed failures per hour', [
            sum('FeedFailures'),
            pipelineMetric('FeedsFailing', 'Maximum', hour),
            pipelineMetric('AlertsOverdue', 'Maximum', hour),
          ]),
        ],
        [
          graph('Feed run time (ms)', [
            pipelineMetric('FeedRunTime', 'Average', hour),
            pipelineMetric('FeedRunTime', 'p90', hour),
          ]),
          graph('Time per item (ms)', [
            new MathExpression({
              expression: 'runtime / (new + seen + edited)',
              usingMetrics: {
                runtime: sum('FeedRunTime'),
                new: sum('ItemsNew'),
                seen: sum('ItemsSeen'),
                edited: sum('ItemsEdited'),
              },
              label: 'fetcher ms per item',
              period: hour,
            }),
          ]),
          graph('Mail', [
            this.mailMetric('Delivery', hour),
            this.mailMetric('Bounce', hour),
            this.mailMetric('Complaint', hour),
          ]),
        ],
        [
          graph(
            'Function errors',
            fns.map(([name, fn]) => fn.metricErrors({ period: hour, label: name })),
          ),
          graph(
            'Function throttles',
            fns.map(([name, fn]) => fn.metricThrottles({ period: hour, label: name })),
          ),
          graph(
            'Function p90 duration (ms)',
            fns.map(([name, fn]) => fn.metricDuration({ period: hour, statistic: 'p90', label: name })),
          ),
        ],
      ],
    });
  }
}

const graph = (title: string, left: IMetric[]) => new GraphWidget({ title, left, width: 8 });
