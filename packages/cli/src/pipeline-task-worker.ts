import { serveTasks } from '@anneal/core';
import { runPipelineTask, type TaskPlan } from './pipeline-task.js';

// Loaded in each worker thread of the local executor: one pipeline task at a time.
serveTasks<TaskPlan>((rank, plan, progress) => runPipelineTask(plan, rank, progress));
