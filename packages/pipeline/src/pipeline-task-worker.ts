import { serveTasks } from '@anneal/core';
import { runPlanJob, type TaskPlan } from './pipeline-task.js';

// Loaded in each worker thread of the local executor: one task of the plan's job at a time.
serveTasks<TaskPlan>((unit, plan, progress) => runPlanJob(plan, unit, progress));
